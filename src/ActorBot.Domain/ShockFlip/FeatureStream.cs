using ActorBot.Domain.Bars;
using ActorBot.Domain.ShockFlip.Rolling;

namespace ActorBot.Domain.ShockFlip;

/// <summary>
/// Computes the per-bar features of SPEC §4 bar by bar, using only the current and past bars.
/// Every rolling statistic uses pandas' online algorithm, so the values equal a batch computation
/// over the same bars bit for bit; this one code path serves both feature modes. The two features
/// that the research computes from the whole chunk (atr_pct, price_flow_div) are left NaN here and
/// are filled by <see cref="ResearchFeatures"/> (chunk-global) or <see cref="CausalFeatureEngine"/> (trailing).
/// </summary>
public sealed class FeatureStream
{
    public const double Eps = 1e-9;

    private readonly ShockFlipParameters _p;
    private readonly RollingSum _imbalanceMean;
    private readonly RollingVariance _imbalanceVar;
    private readonly RollingSum _trMean;
    private readonly RollingExtreme _donchianHigh;
    private readonly RollingExtreme _donchianLow;
    private readonly RollingSum _priorFlow;
    private readonly RollingSum _divFlow;
    private readonly RollingSum _volume;
    private readonly RollingVariance _closeSd;
    private readonly Ewm _emaFast;
    private readonly Ewm _emaSlow;
    private readonly double[] _closes;
    private readonly int _lagCapacity;
    private int _count;
    private double _prevClose = double.NaN;

    public FeatureStream(ShockFlipParameters parameters)
    {
        _p = parameters.Validate();
        _imbalanceMean = new RollingSum(_p.ZWindow, _p.ZWindow);
        _imbalanceVar = new RollingVariance(_p.ZWindow, _p.ZWindow, ddof: 0);
        _trMean = new RollingSum(_p.AtrWindow, _p.AtrWindow);
        _donchianHigh = new RollingExtreme(_p.DonchianWindow, _p.DonchianWindow, max: true);
        _donchianLow = new RollingExtreme(_p.DonchianWindow, _p.DonchianWindow, max: false);
        _priorFlow = new RollingSum(_p.PriorFlowWindow, 1);
        _divFlow = new RollingSum(_p.DivergenceWindow, 1);
        _volume = new RollingSum(_p.RelVolWindow, 1);
        _closeSd = new RollingVariance(_p.DivScoreSdWindow, 1, ddof: 1);
        _emaFast = new Ewm(_p.EmaFastSpan);
        _emaSlow = new Ewm(_p.EmaSlowSpan);
        _lagCapacity = Math.Max(Math.Max(_p.SlopeWindow, _p.DivergenceWindow), Math.Max(_p.DivScoreLookback, _p.StallLookback)) + 1;
        _closes = new double[_lagCapacity];
    }

    public int Count => _count;

    public BarFeatures Push(Bar bar)
    {
        var index = _count;
        _closes[index % _lagCapacity] = bar.Close;
        _count++;

        var delta = bar.BuyQty - bar.SellQty;
        var imbalance = (bar.BuyQty - bar.SellQty) / ((bar.BuyQty + bar.SellQty) + Eps);
        _imbalanceMean.Push(imbalance);
        _imbalanceVar.Push(imbalance);
        var z = (imbalance - _imbalanceMean.Mean) / (_imbalanceVar.StdDev + Eps);

        var tr = double.IsNaN(_prevClose)
            ? bar.High - bar.Low
            : Math.Max(bar.High - bar.Low, Math.Max(Math.Abs(bar.High - _prevClose), Math.Abs(bar.Low - _prevClose)));
        _prevClose = bar.Close;
        _trMean.Push(tr);
        var atr = _trMean.Mean;

        _donchianHigh.Push(bar.High);
        _donchianLow.Push(bar.Low);
        var dh = _donchianHigh.Value;
        var dl = _donchianLow.Value;
        var donchianLoc = (bar.Close - dl) / ((dh - dl) + Eps);

        _priorFlow.Push(delta);
        var priorFlowSum = _priorFlow.Sum;
        _divFlow.Push(delta);

        var priceChange = Lag(_p.DivergenceWindow) is { } c60 ? LogPrice(bar.Close) - LogPrice(c60) : double.NaN;

        var vol = bar.BuyQty + bar.SellQty;
        _volume.Push(vol);
        var avg = _volume.Sum / _p.RelVolWindow;
        var relVol = vol / (avg + Eps);

        var rangeAtr = (bar.High - bar.Low) / (atr + Eps);
        var shockIntensity = double.IsNaN(z) || double.IsNaN(rangeAtr) ? double.NaN : Math.Max(Math.Abs(z), rangeAtr);

        var ret = Lag(_p.DivScoreLookback) is { } c6 ? (bar.Close / c6) - 1 : double.NaN;
        if (double.IsNaN(ret))
        {
            ret = 0.0;
        }

        _closeSd.Push(bar.Close);
        var sd = _closeSd.StdDev;
        if (sd == 0.0)
        {
            sd = double.NaN;
        }

        var score = -z * (ret / (sd + Eps));
        var divScore = score > 0 ? score : 0.0;

        _emaFast.Push(bar.Close);
        _emaSlow.Push(bar.Close);
        var trendDir = SignOf(_emaFast.Value - _emaSlow.Value);

        var trendSlope = Lag(_p.SlopeWindow) is { } c240 ? (LogPrice(bar.Close) - LogPrice(c240)) / _p.SlopeWindow : double.NaN;
        var stall = Lag(_p.StallLookback) is { } c5 && Math.Abs((bar.Close / c5) - 1) < _p.StallReturn && Math.Abs(z) > _p.StallZ ? 1 : 0;

        return new BarFeatures
        {
            Bar = bar,
            Index = index,
            Delta = delta,
            Imbalance = imbalance,
            ImbalanceZ = z,
            Tr = tr,
            Atr = atr,
            AtrPct = double.NaN,
            DonchianHigh = dh,
            DonchianLow = dl,
            DonchianLoc = donchianLoc,
            PriorFlowSum = priorFlowSum,
            PriorFlowSign = SignOf(priorFlowSum),
            PriceChange = priceChange,
            FlowSum = _divFlow.Sum,
            PriceFlowDiv = double.NaN,
            RelVol = relVol,
            RangeAtr = rangeAtr,
            ShockIntensityZ = shockIntensity,
            DivScore = divScore,
            TrendFast = _emaFast.Value,
            TrendSlow = _emaSlow.Value,
            TrendDir = trendDir,
            TrendSlope = trendSlope,
            StallFlag = stall,
        };
    }

    /// <summary>numpy's sign as an int; NaN (which cannot occur for finite bars) maps to 0.</summary>
    public static int SignOf(double x) => x > 0 ? 1 : x < 0 ? -1 : 0;

    /// <summary>ln(max(close, 1e-12)), the research's guarded log price.</summary>
    public static double LogPrice(double close) => Math.Log(Math.Max(close, 1e-12));

    /// <summary>The close <paramref name="lag"/> bars before the newest one, or null if not seen yet.</summary>
    private double? Lag(int lag)
    {
        var newest = _count - 1;
        return newest - lag >= 0 ? _closes[(newest - lag) % _lagCapacity] : null;
    }
}
