using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ActorBot.Engine.Replay;

namespace ActorBot.Host.Cli;

/// <summary>
/// <c>actorbot replay</c>: drives the real actor tree on virtual time over trade files and writes
/// bars.csv, events.csv, trades.csv and summary.json (docs/replay.md). A thin shell over <see cref="ReplayRun"/>.
/// </summary>
public static class ReplayCommand
{
    public static Command Build()
    {
        var config = new Option<string>("--config") { Description = "strategy YAML", DefaultValueFactory = _ => "configs/snap_harvester_btc.yaml" }.ExistingFile();
        var symbol = new Option<string?>("--symbol") { Description = "override the config's symbol" };
        var data = new Option<string[]>("--data") { Description = "trade files to replay instead of the config's data.files", AllowMultipleArgumentsPerToken = true }.ExistingFile();
        var output = new Option<string>("--out") { Description = "folder for bars.csv, events.csv, trades.csv, summary.json", Required = true };
        var export = new Option<string?>("--export-features") { Description = "also write the feature/label table (as model export-features) to this CSV" };
        var cmd = new Command("replay", "Replay trade files through the actor tree on virtual time; write bars, events, trades and a summary.");
        foreach (var o in new Option[] { config, symbol, data, output, export })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(parse =>
        {
            try
            {
                var cfg = ReplayConfig.Load(parse.GetValue(config)!);
                if (parse.GetValue(symbol) is { } s)
                {
                    cfg = cfg with { Symbol = s.Trim().ToUpperInvariant() };
                }

                if (parse.GetValue(data) is { Length: > 0 } files)
                {
                    cfg = cfg with { DataFiles = files.Select(Path.GetFullPath).ToList() };
                }

                cfg.Validate();
                var wall = Stopwatch.StartNew();
                var input = ReplayRun.ReadTrades(cfg);
                var bar = Console.IsErrorRedirected ? null : new ProgressBar();
                var result = ReplayRun.Execute(cfg, input, bar is null ? null : bar.Report);
                bar?.Done();
                ReplayOutputs.WriteAll(result, parse.GetValue(output)!, parse.GetValue(export));
                var trades = result.Records.Trades;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"replayed {input.Ticks.Length} trades of {cfg.Symbol}: {result.Records.Bars.Count} bars, {result.Signals.Count} events, " +
                    $"{trades.Count} trades, PnL {trades.Sum(t => t.Trade.Outcome.RFinal):0.###} R ({trades.Sum(t => t.Fill.RNet):0.###} R net) " +
                    $"in {wall.Elapsed.TotalSeconds:0.00} s -> {parse.GetValue(output)}"));
                return 0;
            }
            catch (ReplayConfigException ex)
            {
                Console.Error.WriteLine($"actorbot replay: {CliExit.OneLine(ex.Message)}");
                return 2;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TimeoutException)
            {
                Console.Error.WriteLine($"actorbot replay: {CliExit.OneLine(ex.Message)}");
                return 1;
            }
        });
        return cmd;
    }

    /// <summary>A one-line progress bar on stderr, redrawn at most every whole percent (only on a terminal).</summary>
    private sealed class ProgressBar
    {
        private int _lastPercent = -1;

        public void Report(long done, long total)
        {
            var percent = total == 0 ? 100 : (int)(done * 100 / total);
            if (percent == _lastPercent)
            {
                return;
            }

            _lastPercent = percent;
            var filled = percent / 4;
            Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string('.', 25 - filled)}] {percent,3}% {done:N0}/{total:N0} trades"));
        }

        public void Done() => Console.Error.WriteLine();
    }
}
