using ActorBot.Domain.Bars;
using ActorBot.Engine.Probing;
using ActorBot.Engine.Symbols;
using Akka.Actor;

namespace ActorBot.Engine.Replay;

/// <summary>Everything one replay produced, in the order each stream was emitted.</summary>
public sealed record ReplayRecords(
    IReadOnlyList<Bar> Bars,
    IReadOnlyList<SignalRecord> Signals,
    IReadOnlyList<TradeRecord> Trades,
    IReadOnlyList<PipelineCounters> Counters);

/// <summary>Asks the recorder for what it holds.</summary>
public sealed record GetReplayRecords
{
    public static readonly GetReplayRecords Instance = new();
}

/// <summary>
/// The replay's telemetry sink: keeps each record stream in arrival order. Every stream has a single
/// producer (bars from /bars, signals and trades from /trader), so each list's order is the pipeline's
/// order, independent of thread scheduling.
/// </summary>
public sealed class ReplayRecorder : ReceiveActor
{
    private readonly List<Bar> _bars = new();
    private readonly List<SignalRecord> _signals = new();
    private readonly List<TradeRecord> _trades = new();
    private readonly List<PipelineCounters> _counters = new();

    public ReplayRecorder()
    {
        Receive<BarClosed>(m => _bars.Add(m.Bar));
        Receive<SignalRecord>(_signals.Add);
        Receive<TradeRecord>(_trades.Add);
        Receive<PipelineCounters>(_counters.Add);
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new { bars = _bars.Count, signals = _signals.Count, trades = _trades.Count }));
        Receive<GetReplayRecords>(_ => Sender.Tell(new ReplayRecords(_bars.ToList(), _signals.ToList(), _trades.ToList(), _counters.ToList())));
    }
}
