namespace ActorBot.Domain.Models;

/// <summary>
/// The routing decision for one event: both probabilities are recorded; only the active model's
/// decides. <see cref="Take"/> iff p_active ≥ min_prob (inclusive, as the research router).
/// </summary>
public sealed record RoutingDecision(
    string EventId,
    string ActiveModelId,
    double PActive,
    string? ShadowModelId,
    double? PShadow,
    double MinProb,
    bool Take,
    bool? ShadowWouldTake);

/// <summary>
/// Meta-model routing (SPEC §7.5): score the active and (if any) shadow model on every event; route
/// iff p_active ≥ <c>routing.min_prob</c>. The research router's default min_prob is 0.0 (routes
/// everything); it is our parity default, and shipped configs state their own value. The shadow
/// model never trades: its decision is recorded for comparison only.
/// </summary>
public sealed class MetaRouter
{
    public const double ResearchDefaultMinProb = 0.0;

    private readonly IProbabilityModel _active;
    private readonly IProbabilityModel? _shadow;

    public MetaRouter(IProbabilityModel active, IProbabilityModel? shadow, double minProb, FeatureSchema builderSchema)
    {
        if (!double.IsFinite(minProb) || minProb < 0 || minProb > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minProb), $"routing.min_prob {minProb} must be within [0, 1].");
        }

        RequireSchema(active, builderSchema, "active");
        if (shadow is not null)
        {
            RequireSchema(shadow, builderSchema, "shadow");
        }

        _active = active;
        _shadow = shadow;
        MinProb = minProb;
    }

    public double MinProb { get; }

    public RoutingDecision Route(string eventId, ReadOnlySpan<double> rawFeatures)
    {
        var pActive = _active.PredictProbability(rawFeatures);
        double? pShadow = _shadow?.PredictProbability(rawFeatures);
        return new RoutingDecision(
            eventId,
            _active.Id,
            pActive,
            _shadow?.Id,
            pShadow,
            MinProb,
            pActive >= MinProb,
            pShadow is { } ps ? ps >= MinProb : null);
    }

    private static void RequireSchema(IProbabilityModel model, FeatureSchema builder, string slot)
    {
        if (model.Schema.Hash != builder.Hash)
        {
            throw new ArgumentException($"The {slot} model '{model.Id}' has schema hash {model.Schema.Hash}, but the feature builder produces {builder.Hash}.");
        }
    }
}
