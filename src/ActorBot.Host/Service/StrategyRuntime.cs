using ActorBot.Domain.Models;
using ActorBot.Domain.ShockFlip;
using ActorBot.Engine.Configuration;
using ActorBot.Engine.Replay;
using ActorBot.Engine.Symbols;
using ActorBot.Models;
using ActorBot.Models.Registry;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Host.Service;

/// <summary>
/// The strategy the running service trades: the profile named by <c>actorbot.strategy.profile</c> (the same YAML
/// replay reads) and the active and shadow models of its registry, loaded once (one ONNX Runtime session each)
/// and disposed with the host. Every symbol's bars → shockflip → trader tree gets the same settings, so live and
/// replay run one code path.
/// </summary>
public sealed class StrategyRuntime : IDisposable
{
    private readonly ModelRegistry _registry;
    private readonly DecileCutPoints _cuts;
    private readonly MetaRouter _router;

    private StrategyRuntime(string profilePath, ReplayConfig profile, ModelRegistry registry)
    {
        ProfilePath = profilePath;
        Profile = profile;
        _registry = registry;
        _cuts = ModelCutPoints.For(registry.Active.Descriptor);
        _router = new MetaRouter(registry.Active, registry.Shadow, profile.MinProb, SnapFeatureVector.Schema);
    }

    public string ProfilePath { get; }

    public ReplayConfig Profile { get; }

    public string ActiveModel => _registry.Active.Id;

    public string? ShadowModel => _registry.Shadow?.Id;

    /// <summary>Null when <c>actorbot.strategy.profile</c> is empty: the symbols then only watch their data.</summary>
    public static StrategyRuntime? Load(Config config)
    {
        const string key = "actorbot.strategy.profile";
        var profile = config.Text(key, string.Empty);
        if (string.IsNullOrWhiteSpace(profile))
        {
            return null;
        }

        var path = BundledPath.Resolve(profile)
            ?? throw new ConfigurationException($"{key} = \"{profile}\": file not found (looked in the working directory and next to the actorbot binary).");
        ReplayConfig parsed;
        try
        {
            parsed = ReplayConfig.LoadProfile(path);
        }
        catch (ReplayConfigException ex)
        {
            throw new ConfigurationException($"{key}: {ex.Message}", ex);
        }

        try
        {
            return new StrategyRuntime(path, parsed, ModelRegistry.Load(parsed.RegistryDirectory, SnapFeatureVector.Schema));
        }
        catch (ModelLoadException ex)
        {
            throw new ConfigurationException($"{key}: models.registry: {ex.Message}", ex);
        }
    }

    public SymbolPipelineSettings PipelineFor(IActorRef sink) =>
        new(Profile.Detector, _cuts, _router, Profile.Geometry, Profile.MaxConcurrentTrades, Profile.Fills, Profile.BarCloseGrace, sink);

    public void Dispose() => _registry.Dispose();
}
