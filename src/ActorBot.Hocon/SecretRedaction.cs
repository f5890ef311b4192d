using System.Text.RegularExpressions;
using ActorBot.Hocon.Values;

namespace ActorBot.Hocon;

/// <summary>
/// Keeps secrets out of configuration dumps: environment variables and keys whose names look like
/// credentials (secret, password, api key, token, passphrase) are replaced by a marker naming the
/// variable or key, never by their value.
/// </summary>
public static partial class SecretRedaction
{
    [GeneratedRegex("(?i)(secret|password|passwd|api[-_]?key|token|passphrase|private[-_]?key)")]
    private static partial Regex SecretName();

    public static bool LooksSecret(string name) => SecretName().IsMatch(name);

    /// <summary>An environment lookup that answers a marker instead of the value for secret-looking variables.</summary>
    public static Func<string, string?> RedactingEnvironment(Func<string, string?> environment) =>
        name =>
        {
            var value = environment(name);
            return value is not null && LooksSecret(name) ? $"<redacted:{name}>" : value;
        };

    /// <summary>A copy of <paramref name="root"/> where values under secret-looking keys are replaced by "&lt;redacted&gt;".</summary>
    public static HoconObject RedactKeys(HoconObject root) => (HoconObject)Redact(root);

    private static HoconValue Redact(HoconValue value) => value switch
    {
        HoconObject obj => new HoconObject(
            obj.Select(kv => new KeyValuePair<string, HoconValue>(
                kv.Key,
                LooksSecret(kv.Key) && kv.Value is not HoconObject ? HoconScalar.String("<redacted>", kv.Value.Origin) : Redact(kv.Value))),
            obj.Origin),
        HoconArray array => new HoconArray(array.Select(Redact), array.Origin),
        _ => value,
    };
}
