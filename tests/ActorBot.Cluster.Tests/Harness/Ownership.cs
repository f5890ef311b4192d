namespace ActorBot.Cluster.Tests.Harness;

/// <summary>
/// Who owns each symbol entity, merged over the live nodes' <c>/cluster</c> answers: an entity is owned once when
/// every live node that reports it names the same owner and that owner is a live node.
/// </summary>
internal sealed record Ownership(IReadOnlyDictionary<string, IReadOnlySet<string>> Owners, IReadOnlySet<string> Live)
{
    public static Ownership Merge(IEnumerable<ClusterView> views, IEnumerable<string> live)
    {
        var owners = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (entity, owner) in views.SelectMany(v => v.Owners))
        {
            if (!owners.TryGetValue(entity, out var set))
            {
                owners[entity] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(owner);
        }

        return new Ownership(owners.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value, StringComparer.Ordinal), live.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Every one of <paramref name="entities"/> has exactly one owner, a live node.</summary>
    public bool EachOwnedOnceByLive(IEnumerable<string> entities) =>
        entities.All(e => Owners.TryGetValue(e, out var o) && o.Count == 1 && Live.Contains(o.First()));

    /// <summary>The owner of an entity owned once, else null.</summary>
    public string? OwnerOf(string entity) => Owners.TryGetValue(entity, out var o) && o.Count == 1 ? o.First() : null;

    /// <summary>Entities per owner (entities owned once only).</summary>
    public IReadOnlyDictionary<string, int> CountByOwner(IEnumerable<string> entities) =>
        entities.Select(OwnerOf).OfType<string>().GroupBy(o => o, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public override string ToString() =>
        string.Join("; ", Owners.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} → {string.Join(" & ", p.Value)}{(p.Value.All(Live.Contains) ? string.Empty : " (not live)")}"));
}
