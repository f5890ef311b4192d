namespace ActorBot.Domain.Models;

/// <summary>
/// A frozen classifier that turns one feature vector (raw values, in <see cref="Schema"/> order)
/// into the probability of the positive class. Implementations apply their own input contract
/// (for the Snap Harvester model: <see cref="ModelInputEncoding"/>) so callers cannot skip it.
/// </summary>
public interface IProbabilityModel
{
    string Id { get; }

    FeatureSchema Schema { get; }

    double PredictProbability(ReadOnlySpan<double> rawFeatures);
}
