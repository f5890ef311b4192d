using Microsoft.Extensions.Configuration;

namespace ActorBot.Hocon.Configuration;

/// <summary>A HOCON file as a <c>Microsoft.Extensions.Configuration</c> source (like a JSON file source).</summary>
public sealed class HoconConfigurationSource : FileConfigurationSource
{
    /// <summary>Environment lookup for <c>${X}</c> substitutions; null means the process environment.</summary>
    public Func<string, string?>? EnvironmentLookup { get; set; }

    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new HoconConfigurationProvider(this);
    }
}
