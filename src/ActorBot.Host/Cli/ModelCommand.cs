using System.CommandLine;
using System.Globalization;
using ActorBot.Data.MarketData;
using ActorBot.Domain.Barriers;
using ActorBot.Domain.ShockFlip;
using ActorBot.Models;
using ActorBot.Models.Registry;
using ActorBot.Models.Scoring;

namespace ActorBot.Host.Cli;

/// <summary>
/// <c>actorbot model</c>: offline model tools. <c>score</c> scores a CSV with an ONNX model;
/// <c>export-features</c> runs the Snap pipeline over a trade file and writes the feature/label
/// table that models/training reads; <c>registry</c> shows and checks the active/shadow manifest.
/// </summary>
public static class ModelCommand
{
    public static Command Build()
    {
        var command = new Command("model", "Model registry and scoring tools (ONNX models scored with ONNX Runtime).");
        command.Subcommands.Add(BuildScore());
        command.Subcommands.Add(BuildExport());
        command.Subcommands.Add(BuildRegistry());
        return command;
    }

    private static Command BuildScore()
    {
        var model = new Option<string>("--model") { Description = "model.onnx (with model.json beside it, or feature_names metadata) or a registry directory", Required = true }.ExistingPath();
        var input = new Option<string>("--input") { Description = "CSV whose header names the model's features", Required = true }.ExistingFile();
        var output = new Option<string>("--out") { Description = "CSV to write: the input rows plus a 'p' column", Required = true };
        var allowMissing = new Option<bool>("--allow-missing") { Description = "treat a missing feature column as 0.0 (the research encoder's rule) instead of failing" };
        var cmd = new Command("score", "Score rows of a CSV with an ONNX model; writes them back with a 'p' column.");
        cmd.Options.Add(model);
        cmd.Options.Add(input);
        cmd.Options.Add(output);
        cmd.Options.Add(allowMissing);
        cmd.SetAction(parse => Guard(() =>
        {
            var path = parse.GetValue(model)!;
            using var m = Directory.Exists(path) ? ModelLoader.LoadDirectory(path) : ModelLoader.LoadOnnxFile(path);
            var inputPath = parse.GetValue(input)!;
            if (!File.Exists(inputPath))
            {
                throw new CsvInputException($"{inputPath}: file not found.");
            }

            using var reader = new StreamReader(inputPath);
            var outPath = parse.GetValue(output)!;
            var temp = outPath + ".tmp";
            int rows;
            using (var writer = new StreamWriter(temp))
            {
                rows = CsvScorer.Score(reader, writer, m, inputPath, parse.GetValue(allowMissing));
            }

            File.Move(temp, outPath, overwrite: true);
            Console.WriteLine($"scored {rows} rows with model '{m.Id}' (schema {m.Schema.Hash[..12]}) -> {outPath}");
        }));
        return cmd;
    }

    private static Command BuildExport()
    {
        var trades = new Option<string>("--trades") { Description = "Binance aggTrades .csv or .zip", Required = true }.ExistingFile();
        var symbol = new Option<string>("--symbol") { Description = "symbol written into the table", DefaultValueFactory = _ => "BTCUSDT" };
        var contract = new Option<string>("--contract") { Description = "linear (USD-M, qty in base) or inverse-100usd (COIN-M, qty in 100-USD contracts)", DefaultValueFactory = _ => "linear" }.OneOf("linear", "inverse-100usd");
        var tick = new Option<double>("--tick") { Description = "tick size for the research snap", DefaultValueFactory = _ => 0.1 };
        var mode = new Option<string>("--mode") { Description = "research (parity) or causal (what trades)", DefaultValueFactory = _ => "causal" }.OneOf("research", "causal");
        var modelDir = new Option<string>("--model-dir") { Description = "registry entry whose decile cut points causal mode uses", DefaultValueFactory = _ => "models/registry/snap_hgb_2024_btc_agg" };
        var zBand = new Option<double?>("--z-band") { Description = "override z_band (default 1.8)" };
        var jumpBand = new Option<double?>("--jump-band") { Description = "override jump_band (default 2.2)" };
        var geometry = new Option<string>("--barriers") { Description = "barrier preset: strategy or legacy_0p5r_3r", DefaultValueFactory = _ => "strategy" }.OneOf("strategy", "legacy_0p5r_3r");
        var output = new Option<string>("--out") { Description = "feature/label CSV to write", Required = true };
        var cmd = new Command("export-features", "Run bars -> features -> ShockFlip -> labels over a trade file and write the feature/label table.");
        foreach (var o in new Option[] { trades, symbol, contract, tick, mode, modelDir, zBand, jumpBand, geometry, output })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(parse => Guard(() =>
        {
            var spec = parse.GetValue(contract) switch
            {
                "linear" => ContractSpec.Linear,
                "inverse-100usd" => ContractSpec.CoinMargined100Usd,
                var other => throw new ArgumentException($"--contract '{other}' is not known (linear, inverse-100usd)."),
            };
            var featureMode = parse.GetValue(mode) switch
            {
                "research" => FeatureMode.Research,
                "causal" => FeatureMode.Causal,
                var other => throw new ArgumentException($"--mode '{other}' is not known (research, causal)."),
            };
            var p = ShockFlipParameters.Default;
            if (parse.GetValue(zBand) is { } z)
            {
                p = p with { ZBand = z };
            }

            if (parse.GetValue(jumpBand) is { } j)
            {
                p = p with { JumpBand = j };
            }

            var file = AggTradesReader.Read(parse.GetValue(trades)!, spec);
            var cuts = featureMode == FeatureMode.Causal ? ModelCutPoints.For(ModelLoader.ReadDescriptor(parse.GetValue(modelDir)!)) : null;
            var result = SnapOfflinePipeline.Run(file.Ticks, parse.GetValue(symbol)!, parse.GetValue(tick), featureMode, p.Validate(), BarrierGeometry.ByName(parse.GetValue(geometry)!), cuts);
            File.WriteAllText(parse.GetValue(output)!, SnapEventTable.Write(result.Events, featureMode));
            var yr = result.Events.Count(e => e.ResearchLabel.WinLabel == 1);
            var yc = result.Events.Count(e => e.CausalLabel.WinLabel == 1);
            var inBar = result.Events.Count(e => e.ResearchLabel.BarsHeld == 1 && e.ResearchLabel.Reason is ExitReason.TakeProfit or ExitReason.StopLoss);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{file.Ticks.Count} trades ({file.SkippedHeaderOrNonNumeric} non-numeric rows skipped), {result.Bars.Count} bars, {result.Events.Count} events ({featureMode}); " +
                $"research label wins {yr}, causal label wins {yc}, research outcomes decided inside the event bar {inBar} -> {parse.GetValue(output)}"));
        }));
        return cmd;
    }

    private static Command BuildRegistry()
    {
        var dir = new Option<string>("--registry") { Description = "registry directory", DefaultValueFactory = _ => "models/registry" };
        var cmd = new Command("registry", "Load and check the active and shadow models named by manifest.json.");
        cmd.Options.Add(dir);
        cmd.SetAction(parse => Guard(() =>
        {
            using var registry = ModelRegistry.Load(parse.GetValue(dir)!, SnapFeatureVector.Schema);
            foreach (var (slot, m) in new[] { ("active", registry.Active), ("shadow", registry.Shadow) })
            {
                Console.WriteLine(m is null
                    ? $"{slot}: (none)"
                    : string.Create(CultureInfo.InvariantCulture, $"{slot}: {m.Id} onnx={m.Signature} schema={m.Schema.Hash} min_prob={m.Descriptor.MinProb}"));
            }
        }));
        return cmd;
    }

    /// <summary>Bad input → exit 2 with one sentence on stderr; anything else → exit 1.</summary>
    private static int Guard(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception ex) when (ex is ModelLoadException or CsvInputException or DataFormatException or ArgumentException)
        {
            Console.Error.WriteLine($"actorbot model: {CliExit.OneLine(ex.Message)}");
            return 2;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"actorbot model: {CliExit.OneLine(ex.Message)}");
            return 1;
        }
    }
}
