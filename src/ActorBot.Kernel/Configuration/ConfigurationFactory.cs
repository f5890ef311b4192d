using System.Reflection;
using ActorBot.Hocon;

namespace Akka.Configuration;

/// <summary>
/// Creates <see cref="Config"/> instances (Akka.NET's <c>Akka.Configuration.ConfigurationFactory</c>).
/// To load a file with includes relative to it, parse an include statement:
/// <c>ConfigurationFactory.ParseString("include required(file(\"/etc/actorbot/actorbot.conf\"))")</c>.
/// </summary>
public class ConfigurationFactory
{
    /// <summary>A configuration without any keys.</summary>
    public static Config Empty => Config.Empty;

    /// <summary>
    /// Parses and resolves HOCON text. Substitutions not defined in the text fall back to environment
    /// variables; relative includes are looked up in the current directory.
    /// </summary>
    /// <exception cref="ConfigurationException">The text is not valid HOCON (the message names line and column).</exception>
    public static Config ParseString(string hocon)
    {
        ArgumentNullException.ThrowIfNull(hocon);
        return Config.FromHocon(() => HoconLoader.Parse(hocon, "string"), "HOCON string");
    }

    /// <summary>Parses a HOCON file embedded as a manifest resource of <paramref name="assembly"/>.</summary>
    public static Config FromResource(string resourceName, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(resourceName);
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new ConfigurationException($"Embedded resource \"{resourceName}\" not found in assembly {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var options = HoconLoadOptions.Default with { AllowIncludes = false };
        return Config.FromHocon(() => HoconLoader.Parse(text, resourceName, options), $"resource \"{resourceName}\"");
    }

    /// <summary>Parses a HOCON resource embedded in the assembly that defines <typeparamref name="TAssembly"/>.</summary>
    public static Config FromResource<TAssembly>(string resourceName) =>
        FromResource(resourceName, typeof(TAssembly).Assembly);

    /// <summary>Parses a HOCON resource embedded in the assembly that defines the type of <paramref name="instanceInAssembly"/>.</summary>
    public static Config FromResource(string resourceName, object instanceInAssembly)
    {
        ArgumentNullException.ThrowIfNull(instanceInAssembly);
        return FromResource(resourceName, instanceInAssembly.GetType().Assembly);
    }
}
