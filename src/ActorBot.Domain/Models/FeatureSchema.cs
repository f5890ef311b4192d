using System.Security.Cryptography;
using System.Text;

namespace ActorBot.Domain.Models;

/// <summary>
/// An ordered list of feature names and its schema hash: sha256 of the names joined with '\n'
/// (no trailing newline), UTF-8, lower-case hex (SPEC §7.1). A model is only ever fed a vector
/// built for the same hash.
/// </summary>
public sealed class FeatureSchema
{
    private readonly Dictionary<string, int> _indexByName;

    public FeatureSchema(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            throw new ArgumentException("A feature schema needs at least one feature name.", nameof(names));
        }

        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (string.IsNullOrWhiteSpace(name) || name.Contains('\n'))
            {
                throw new ArgumentException($"Feature name #{i} is empty or contains a newline.", nameof(names));
            }

            if (!_indexByName.TryAdd(name, i))
            {
                throw new ArgumentException($"Feature name '{name}' appears twice.", nameof(names));
            }
        }

        Names = names.ToArray();
        Hash = ComputeHash(Names);
    }

    public IReadOnlyList<string> Names { get; }

    public string Hash { get; }

    public int Count => Names.Count;

    public bool TryGetIndex(string name, out int index) => _indexByName.TryGetValue(name, out index);

    public static string ComputeHash(IReadOnlyList<string> names)
    {
        var joined = string.Join('\n', names);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)));
    }
}
