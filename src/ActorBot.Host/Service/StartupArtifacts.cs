using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ActorBot.Domain.Modes;

namespace ActorBot.Host.Service;

/// <summary>What <c>build_info.json</c> records about this process (<c>docs/telemetry.md</c>).</summary>
public sealed record BuildInfo(
    string Version,
    string GitSha,
    string Dotnet,
    string Os,
    string Arch,
    DateTimeOffset StartedAt,
    string TradeMode,
    string Venue,
    IReadOnlyList<string> Symbols,
    bool EmbeddedSimulator,
    string ConfigHash);

/// <summary>
/// The files <c>actorbot run</c> writes into <c>actorbot.state-dir</c> before the service starts:
/// <c>config_resolved.json</c> (the effective configuration, redacted exactly as <c>/config</c> shows it, with its
/// hash and where it came from) and <c>build_info.json</c> (version, commit, runtime, OS, start time, trade mode,
/// venue, symbols). <c>summary.json</c> follows at exit (<see cref="RunSummary"/>).
/// </summary>
public static class StartupArtifacts
{
    public const string ConfigFile = "config_resolved.json";
    public const string BuildFile = "build_info.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>FNV-1a 64 over the UTF-8 bytes of <paramref name="text"/>, as <c>0x%016x</c> (the runbook's format).</summary>
    public static string Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 0xcbf29ce484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 0x100000001b3UL);
        }

        return "0x" + hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary><c>config_resolved.json</c>: <c>config_hash</c> (over the redacted JSON below), <c>source</c>, <c>config</c>.</summary>
    public static string ConfigResolvedJson(string redactedConfigJson, string source)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var config = JsonDocument.Parse(redactedConfigJson);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("config_hash", Hash(redactedConfigJson));
            w.WriteString("source", source);
            w.WritePropertyName("config");
            config.RootElement.WriteTo(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string BuildInfoJson(BuildInfo info) => JsonSerializer.Serialize(info, Json);

    /// <summary>
    /// This process's build and run: version and commit from the assembly's informational version
    /// (<c>1.0.0+&lt;sha&gt;</c> when built from a git checkout; <c>unknown</c> otherwise).
    /// </summary>
    public static BuildInfo Describe(Assembly assembly, DateTimeOffset startedAt, TradeMode mode, string venue, IReadOnlyList<string> symbols, bool simulator, string configHash)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var sha = plus < 0 || plus == informational.Length - 1 ? "unknown" : informational[(plus + 1)..];
        return new BuildInfo(
            version,
            sha,
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription,
            RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            startedAt,
            mode.ToConfigString(),
            venue,
            symbols,
            simulator,
            configHash);
    }

    /// <summary>Writes both files into <paramref name="stateDir"/> (created if missing); returns their paths.</summary>
    public static IReadOnlyList<string> Write(string stateDir, ServiceConfiguration configuration, Func<string, BuildInfo> describe)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(describe);
        Directory.CreateDirectory(stateDir);
        var redacted = configuration.ToRedactedJson();
        var configPath = Path.Combine(stateDir, ConfigFile);
        var buildPath = Path.Combine(stateDir, BuildFile);
        File.WriteAllText(configPath, ConfigResolvedJson(redacted, configuration.Source) + "\n");
        File.WriteAllText(buildPath, BuildInfoJson(describe(Hash(redacted))) + "\n");
        return [configPath, buildPath];
    }
}
