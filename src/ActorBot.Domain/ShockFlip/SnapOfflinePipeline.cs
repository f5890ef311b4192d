using ActorBot.Domain.Barriers;
using ActorBot.Domain.Bars;

namespace ActorBot.Domain.ShockFlip;

/// <summary>One detected event with both labels computed on the same bars.</summary>
public sealed record SnapEventRow(string Symbol, ShockFlipEvent Event, TradeOutcome ResearchLabel, TradeOutcome CausalLabel);

/// <summary>Everything one offline run produced, plus its counters.</summary>
public sealed record SnapOfflineResult(
    FeatureMode Mode,
    IReadOnlyList<Bar> Bars,
    IReadOnlyList<SnapEventRow> Events,
    int ChunksSkipped,
    long MalformedTrades,
    long LateTrades);

/// <summary>
/// Trades → bars → features → ShockFlip events → deciles → research and causal labels, as one pure
/// function over an in-memory trade list (the file readers live outside Domain). The actor replay
/// drives the same Domain objects bar by bar; this pipeline is the offline reference for it and the
/// source of the feature/label table the training pipeline reads.
/// </summary>
public static class SnapOfflinePipeline
{
    public static SnapOfflineResult Run(
        IReadOnlyList<TradeTick> ticksInFileOrder,
        string symbol,
        double tickSize,
        FeatureMode mode,
        ShockFlipParameters parameters,
        BarrierGeometry geometry,
        DecileCutPoints? cutPoints)
    {
        parameters.Validate();
        geometry.Validate();
        return mode == FeatureMode.Research
            ? RunResearch(ticksInFileOrder, symbol, tickSize, parameters, geometry)
            : RunCausal(ticksInFileOrder, symbol, parameters, geometry, cutPoints
                ?? throw new ArgumentException("Causal mode needs the model's decile cut points."));
    }

    private static SnapOfflineResult RunResearch(IReadOnlyList<TradeTick> ticks, string symbol, double tickSize, ShockFlipParameters p, BarrierGeometry g)
    {
        var detector = new ShockFlipDetector(p);
        var allBars = new List<Bar>();
        var events = new List<(ShockFlipEvent Event, int GlobalIndex)>();
        var skipped = 0;
        foreach (var chunk in ResearchTickChunker.Chunk(ticks, p.ChunkDays))
        {
            var bars = ResearchTickChunker.BuildBars(chunk, tickSize);
            var offset = allBars.Count;

            // The label's simulation bars (§2.2) cover every minute of the data, skipped chunks included;
            // chunks split at UTC midnight, so concatenating chunk bars gives exactly those minutes.
            allBars.AddRange(bars);
            if (bars.Count < p.MinBars)
            {
                skipped++;
                continue;
            }

            foreach (var f in ResearchFeatures.ComputeChunk(bars, p))
            {
                if (detector.Detect(f) is { } e)
                {
                    events.Add((e, offset + f.Index));
                }
            }
        }

        // Year-level deciles over the whole event list, in chronological order (SPEC §5.3).
        var siz = Deciles.Research(events.Select(x => x.Event.Features.ShockIntensityZ).ToList());
        var div = Deciles.Research(events.Select(x => x.Event.Features.DivScore).ToList());
        var rel = Deciles.Research(events.Select(x => x.Event.Features.RelVol).ToList());
        var rows = new List<SnapEventRow>(events.Count);
        for (var k = 0; k < events.Count; k++)
        {
            var e = events[k].Event with { ShockIntensityZDecile = siz[k], DivScoreDecile = div[k], RelVolDecile = rel[k] };
            rows.Add(Labelled(symbol, e, allBars, events[k].GlobalIndex, g));
        }

        return new SnapOfflineResult(FeatureMode.Research, allBars, rows, skipped, 0, 0);
    }

    private static SnapOfflineResult RunCausal(IReadOnlyList<TradeTick> ticks, string symbol, ShockFlipParameters p, BarrierGeometry g, DecileCutPoints cuts)
    {
        var builder = new MinuteBarBuilder();
        var engine = new CausalFeatureEngine(p);
        var detector = new ShockFlipDetector(p);
        var bars = new List<Bar>();
        var events = new List<(ShockFlipEvent Event, int Index)>();

        void OnBar(Bar bar)
        {
            bars.Add(bar);
            var f = engine.Push(bar);
            if (detector.Detect(f) is { } e)
            {
                events.Add((cuts.Apply(e), bars.Count - 1));
            }
        }

        foreach (var tick in ticks)
        {
            if (builder.OnTrade(tick, out _) is { } bar)
            {
                OnBar(bar);
            }
        }

        if (builder.Flush() is { } last)
        {
            OnBar(last);
        }

        var rows = events.Select(x => Labelled(symbol, x.Event, bars, x.Index, g)).ToList();
        return new SnapOfflineResult(FeatureMode.Causal, bars, rows, 0, builder.MalformedTrades, builder.LateTrades);
    }

    private static SnapEventRow Labelled(string symbol, ShockFlipEvent e, IReadOnlyList<Bar> bars, int index, BarrierGeometry g) =>
        new(symbol, e,
            LabelSimulator.Research(bars, index, e.Side, e.Features.Atr, g),
            LabelSimulator.Causal(bars, index, e.Side, e.Features.Atr, g));
}
