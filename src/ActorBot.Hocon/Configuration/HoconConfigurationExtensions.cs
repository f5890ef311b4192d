using ActorBot.Hocon.Configuration;

namespace Microsoft.Extensions.Configuration;

/// <summary><c>builder.AddHocon("hocon/actorbot.conf")</c>, the HOCON counterpart of <c>AddJsonFile</c>.</summary>
public static class HoconConfigurationExtensions
{
    public static IConfigurationBuilder AddHocon(this IConfigurationBuilder builder, string path) =>
        builder.AddHocon(path, optional: false, reloadOnChange: false);

    public static IConfigurationBuilder AddHocon(this IConfigurationBuilder builder, string path, bool optional, bool reloadOnChange = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.AddHocon(source =>
        {
            source.Path = path;
            source.Optional = optional;
            source.ReloadOnChange = reloadOnChange;
            source.ResolveFileProvider();
        });
    }

    public static IConfigurationBuilder AddHocon(this IConfigurationBuilder builder, Action<HoconConfigurationSource> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var source = new HoconConfigurationSource();
        configure(source);
        return builder.Add(source);
    }
}
