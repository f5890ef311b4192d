using System.Globalization;
using ActorBot.Domain.Bars;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Symbols;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Engine.Replay;

/// <summary>How the driver cuts the trade stream and how long it waits for the tree before giving up.</summary>
public sealed record ReplayDriverOptions(int BatchMaxTrades, TimeSpan StaleTimeout, TimeSpan WallClockTimeout)
{
    public static ReplayDriverOptions Default { get; } = new(4096, TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(2));
}

/// <summary>
/// Replays one symbol's trades through the real actor tree (<c>/user/bot/{symbol}/bars|shockflip|trader</c>) on
/// the virtual clock. It sends what the live market actor sends — <see cref="TradeBatch"/>es to /user/bot — so
/// replay and live share one code path. The loop, per batch: move the clock to the batch's first trade (timers
/// due by then fire: minute close, stale watchdog), send the batch asking for an ack, wait for the ack.
/// One batch in flight is the backpressure; it is also what makes the run deterministic, because actors read
/// the clock when they arm timers, so the clock may only move while the tree is idle. Batches are cut at
/// <see cref="ReplayDriverOptions.BatchMaxTrades"/> trades and wherever two trades are further apart than the
/// stale timeout (so the watchdog sees every gap it would see live).
/// </summary>
public static class ReplayDriver
{
    public static ReplayRecords Run(
        string symbol,
        TradeTick[] ticks,
        SymbolPipelineSettings pipeline,
        ReplayDriverOptions options,
        Action<long, long>? progress = null)
    {
        if (options.BatchMaxTrades < 1)
        {
            throw new ArgumentException($"replay.batch_max_trades ({options.BatchMaxTrades}) must be at least 1.");
        }

        var startMs = ticks.Length == 0 ? 0 : MinuteBarBuilder.MinuteFloor(ticks[0].TimestampMs);
        var config = ConfigurationFactory.ParseString(string.Create(CultureInfo.InvariantCulture, $$"""
            akka.scheduler.implementation = "{{typeof(VirtualClockScheduler).FullName}}, ActorBot.Engine"
            akka.scheduler.{{VirtualClockScheduler.StartKey}} = {{startMs}}
            akka.loglevel = ERROR
            # One in-memory journal and snapshot store per replay: nothing on disk (Akka's default snapshot
            # store would create ./snapshots), nothing shared between runs.
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            """));
        var system = ActorSystem.Create("replay", config);
        try
        {
            var clock = (VirtualClockScheduler)system.Scheduler;
            var recorder = system.ActorOf(Props.Create(() => new ReplayRecorder()), "replay-recorder");
            // A long hysteresis keeps the bot's pause-expiry tick (a quarter of it) rare on the virtual clock; the bot's
            // own pause state does not feed the outputs (the trader gets the symbol's pause in order with the bars).
            var settings = new BotSettings(TradeMode.Paper, BotSettings.DefaultVenue, [symbol], options.StaleTimeout, TimeSpan.FromMinutes(5));
            var withSink = pipeline with { Sink = recorder };
            var bot = system.ActorOf(Props.Create(() => new BotActor(settings, s => s == symbol ? withSink : null)), "bot");
            var memory = new ReadOnlyMemory<TradeTick>(ticks);
            var staleMs = (long)options.StaleTimeout.TotalMilliseconds;
            var i = 0;
            while (i < ticks.Length)
            {
                var j = i + 1;
                while (j < ticks.Length && j - i < options.BatchMaxTrades && ticks[j].TimestampMs - ticks[j - 1].TimestampMs <= staleMs)
                {
                    j++;
                }

                clock.AdvanceTo(ticks[i].TimestampMs);
                Await(bot.Ask<PipelineDrained>(new TradeBatch(symbol, memory[i..j], AckRequested: true), Timeout.InfiniteTimeSpan), options, "a trade batch");
                progress?.Invoke(j, ticks.Length);
                i = j;
            }

            if (ticks.Length > 0)
            {
                // The last minute closes on the clock, as it would live, before end of data is declared.
                clock.AdvanceTo(MinuteBarBuilder.MinuteFloor(ticks[^1].TimestampMs) + Bar.MinuteMs + (long)pipeline.BarCloseGrace.TotalMilliseconds);
            }

            Await(bot.Ask<PipelineCounters>(new EndOfData(symbol), Timeout.InfiniteTimeSpan), options, "end of data");
            return Await(recorder.Ask<ReplayRecords>(GetReplayRecords.Instance, Timeout.InfiniteTimeSpan), options, "the recorder");
        }
        finally
        {
            system.Terminate().Wait(options.WallClockTimeout);
        }
    }

    // The virtual clock never fires Ask timeouts on its own, so a wall-clock bound guards against a stuck tree.
    private static T Await<T>(Task<T> task, ReplayDriverOptions options, string what)
    {
        if (!task.Wait(options.WallClockTimeout))
        {
            throw new TimeoutException($"The actor tree did not answer {what} within {options.WallClockTimeout.TotalSeconds} s of wall-clock time.");
        }

        return task.Result;
    }
}
