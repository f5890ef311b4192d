using ActorBot.Domain.ShockFlip;

namespace ActorBot.Models.Registry;

/// <summary>Turns a model's stored decile cut points into the Domain's <see cref="DecileCutPoints"/>.</summary>
public static class ModelCutPoints
{
    public static DecileCutPoints For(ModelDescriptor descriptor)
    {
        double[] Get(string name) => descriptor.DecileCutPoints.TryGetValue(name, out var v)
            ? v
            : throw new ModelLoadException($"model '{descriptor.Id}': model.json has no decile_cut_points.{name}, which causal mode needs.");
        return new DecileCutPoints(Get("shock_intensity_z"), Get("div_score"), Get("rel_vol"));
    }
}
