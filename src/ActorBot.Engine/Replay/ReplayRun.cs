using System.Security.Cryptography;
using ActorBot.Data.MarketData;
using ActorBot.Domain.Barriers;
using ActorBot.Domain.Bars;
using ActorBot.Domain.Models;
using ActorBot.Domain.ShockFlip;
using ActorBot.Engine.Symbols;
using ActorBot.Models;
using ActorBot.Models.Registry;
using Akka.Actor;

namespace ActorBot.Engine.Replay;

/// <summary>The trades of a replay with their provenance and the rows the readers skipped.</summary>
public sealed record ReplayInput(TradeTick[] Ticks, IReadOnlyList<(string Name, string Sha256)> Files, long UnreadableRows);

/// <summary>One signal with both labels, computed on the replay's own bars (the look-ahead made visible).</summary>
public sealed record LabelledSignal(SignalRecord Record, TradeOutcome ResearchLabel, TradeOutcome CausalLabel);

/// <summary>The outcome of <see cref="ReplayRun.Execute"/>: the config used, the records and the labels.</summary>
public sealed record ReplayResult(ReplayConfig Config, ReplayInput Input, ReplayRecords Records, IReadOnlyList<LabelledSignal> Signals, string ActiveModel, string? ShadowModel);

/// <summary>
/// One <c>actorbot replay</c>: read the trades named by the config, load the active and shadow models from the
/// registry, drive the actor tree (<see cref="ReplayDriver"/>), then label every signal both ways with
/// <see cref="LabelSimulator"/> on the bars the tree built.
/// </summary>
public static class ReplayRun
{
    public static ReplayInput ReadTrades(ReplayConfig config)
    {
        var ticks = new List<TradeTick>();
        var files = new List<(string, string)>();
        long unreadable = 0;
        var spec = config.Contract == "inverse-100usd" ? ContractSpec.CoinMargined100Usd : ContractSpec.Linear;
        foreach (var path in config.DataFiles)
        {
            try
            {
                if (config.Format == TradeFileFormat.AggTrades)
                {
                    var file = AggTradesReader.Read(path, spec);
                    ticks.AddRange(file.Ticks);
                    unreadable += file.SkippedMalformed;
                }
                else
                {
                    var file = RawTradeRecordingReader.Read(path, config.Symbol);
                    ticks.AddRange(file.Ticks);
                    unreadable += file.Malformed;
                }
            }
            catch (Exception ex) when (ex is DataFormatException or InvalidDataException)
            {
                throw new ReplayConfigException($"{path}: {ex.Message}", ex);
            }

            using var stream = File.OpenRead(path);
            files.Add((Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(stream))));
        }

        return new ReplayInput(ticks.ToArray(), files, unreadable);
    }

    public static ReplayResult Execute(ReplayConfig config, ReplayInput input, Action<long, long>? progress = null)
    {
        ModelRegistry registry;
        try
        {
            registry = ModelRegistry.Load(config.RegistryDirectory, SnapFeatureVector.Schema);
        }
        catch (ModelLoadException ex)
        {
            throw new ReplayConfigException($"{config.SourcePath}: models.registry: {ex.Message}", ex);
        }

        using var owned = registry; // the ONNX Runtime sessions live for this run only
        var cuts = ModelCutPoints.For(registry.Active.Descriptor);
        var router = new MetaRouter(registry.Active, registry.Shadow, config.MinProb, SnapFeatureVector.Schema);
        var pipeline = new SymbolPipelineSettings(config.Detector, cuts, router, config.Geometry, config.MaxConcurrentTrades, config.Fills, config.BarCloseGrace, ActorRefs.Nobody);
        var options = ReplayDriverOptions.Default with { BatchMaxTrades = config.BatchMaxTrades, StaleTimeout = config.StaleTimeout };
        var records = ReplayDriver.Run(config.Symbol, input.Ticks, pipeline, options, progress);
        return new ReplayResult(config, input, records, Label(records, config.Geometry), registry.Active.Id, registry.Shadow?.Id);
    }

    private static List<LabelledSignal> Label(ReplayRecords records, BarrierGeometry geometry)
    {
        var index = new Dictionary<long, int>(records.Bars.Count);
        for (var i = 0; i < records.Bars.Count; i++)
        {
            index[records.Bars[i].OpenTimeMs] = i;
        }

        return records.Signals.Select(s =>
        {
            var e = s.Signal.Event;
            var at = index[e.TimestampMs];
            return new LabelledSignal(s,
                LabelSimulator.Research(records.Bars, at, e.Side, e.Features.Atr, geometry),
                LabelSimulator.Causal(records.Bars, at, e.Side, e.Features.Atr, geometry));
        }).ToList();
    }
}
