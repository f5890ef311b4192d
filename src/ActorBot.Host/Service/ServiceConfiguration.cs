using System.Reflection;
using System.Text.RegularExpressions;
using ActorBot.Hocon;
using ActorBot.Hocon.AkkaInterop;
using ActorBot.Hocon.Values;
using Akka.Configuration;

namespace ActorBot.Host.Service;

/// <summary>
/// The service's configuration: the embedded <c>hocon/actorbot.conf</c> defaults, overlaid by an optional
/// operator file. Exposes the Akka <see cref="Config"/> the actor system reads and a redacted JSON view
/// for <c>/config</c> (secret-looking keys and connection-string passwords never leave the process).
/// </summary>
public sealed partial class ServiceConfiguration
{
    private ServiceConfiguration(HoconObject root, string source)
    {
        Root = root;
        Source = source;
        Config = AkkaConfig.FromHocon(root);
    }

    public HoconObject Root { get; }

    /// <summary>Where the values came from, for the startup log.</summary>
    public string Source { get; }

    public Config Config { get; }

    /// <summary>
    /// Loads the defaults, then the operator file (if any) on top. Bad input is a <see cref="HoconException"/>, and so
    /// is a key under <c>actorbot</c> the defaults do not document (<see cref="UnknownConfigKeys"/>).
    /// </summary>
    public static ServiceConfiguration Load(string? overridePath, Func<string, string?>? environment = null)
    {
        var options = new HoconLoadOptions { EnvironmentLookup = environment ?? Environment.GetEnvironmentVariable };
        var defaults = HoconLoader.Parse(ReadEmbeddedDefaults(), "actorbot.conf (embedded)", options);
        if (overridePath is null)
        {
            return new ServiceConfiguration(defaults, "embedded defaults");
        }

        // Each layer is resolved on its own: a substitution in the operator file sees only that file
        // and the environment. Keys it sets win; everything else comes from the defaults.
        var overrides = HoconLoader.LoadFile(overridePath, options);
        UnknownConfigKeys.Check(overrides, defaults);
        return new ServiceConfiguration(overrides.WithFallback(defaults), $"{overridePath} over embedded defaults");
    }

    /// <summary>A layer the program itself adds on top (the embedded simulator's URLs): it wins over everything else.</summary>
    public ServiceConfiguration WithOverlay(string hocon, string what)
    {
        var overlay = HoconLoader.Parse(hocon, what, new HoconLoadOptions { EnvironmentLookup = _ => null });
        return new ServiceConfiguration(overlay.WithFallback(Root), $"{what} over {Source}");
    }

    /// <summary>The effective configuration as JSON with every secret replaced by a marker.</summary>
    public string ToRedactedJson()
    {
        var json = HoconJsonWriter.Write(SecretRedaction.RedactKeys(Root), sortKeys: true, indented: true);
        return ConnectionStringPassword().Replace(json, m => m.Groups[1].Value + "<redacted>");
    }

    public static string ReadEmbeddedDefaults()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("actorbot.conf")
            ?? throw new InvalidOperationException("the embedded actorbot.conf is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // "Password=..." or "pwd=..." inside connection strings, up to the next ';' or closing quote.
    [GeneratedRegex("(?i)((?:password|pwd)\\s*=\\s*)[^;\"]*")]
    private static partial Regex ConnectionStringPassword();
}
