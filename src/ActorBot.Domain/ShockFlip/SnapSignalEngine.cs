using ActorBot.Domain.Bars;

namespace ActorBot.Domain.ShockFlip;

/// <summary>A causal ShockFlip signal: the event (deciles from fixed cut points) and its raw model inputs.</summary>
public sealed record SnapSignal(ShockFlipEvent Event, double[] Features);

/// <summary>
/// The causal signal path for one symbol, bar by bar — what the <c>/symbols/{s}/shockflip</c> actor
/// wraps: closed bar → causal features → detector → fixed-cut-point deciles → the 24 model inputs.
/// Pure; the caller feeds closed bars in order (from <see cref="MinuteBarBuilder"/>).
/// </summary>
public sealed class SnapSignalEngine
{
    private readonly CausalFeatureEngine _features;
    private readonly ShockFlipDetector _detector;
    private readonly DecileCutPoints _cuts;
    private long _lastBarOpen = long.MinValue;

    public SnapSignalEngine(ShockFlipParameters parameters, DecileCutPoints cutPoints)
    {
        _features = new CausalFeatureEngine(parameters);
        _detector = new ShockFlipDetector(parameters);
        _cuts = cutPoints;
    }

    public long BarsSeen => _features.Count;

    /// <summary>Out-of-order, repeated or non-finite bars are refused and counted; they would corrupt every window.</summary>
    public long RejectedBars { get; private set; }

    public SnapSignal? OnBar(Bar bar)
    {
        if (bar.OpenTimeMs <= _lastBarOpen || !IsSane(bar))
        {
            RejectedBars++;
            return null;
        }

        _lastBarOpen = bar.OpenTimeMs;
        var f = _features.Push(bar);
        if (_detector.Detect(f) is not { } e)
        {
            return null;
        }

        var withDeciles = _cuts.Apply(e);
        return new SnapSignal(withDeciles, SnapFeatureVector.Build(withDeciles));
    }

    private static bool IsSane(Bar b) =>
        double.IsFinite(b.Open) && double.IsFinite(b.High) && double.IsFinite(b.Low) && double.IsFinite(b.Close)
        && b.Low > 0 && b.Low <= b.High && b.Open >= b.Low && b.Open <= b.High && b.Close >= b.Low && b.Close <= b.High
        && double.IsFinite(b.BuyQty) && double.IsFinite(b.SellQty) && b.BuyQty >= 0 && b.SellQty >= 0;
}
