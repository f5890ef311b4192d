using System.Text.Json;

namespace ActorBot.Cluster.Tests.Harness;

/// <summary>
/// One node's answer to <c>GET /cluster</c>, read the way docs/cluster.md (issue 13) describes it: this node, the
/// leader, the members with their status, the unreachable ones, and which node owns which symbol entity
/// (<c>{venue}/{symbol}</c>). Read leniently (member and owner field names, owners as a map or a list), because the
/// tests must judge the behaviour, not the spelling; anything it cannot read is empty, and the waits then fail with
/// the raw body.
/// </summary>
internal sealed record ClusterView(
    string? Self,
    string? SelfStatus,
    string? Leader,
    IReadOnlyDictionary<string, string> Members,
    IReadOnlySet<string> Unreachable,
    IReadOnlyList<(string EntityId, string Owner)> Owners,
    IReadOnlyDictionary<string, string> Singletons,
    string Raw)
{
    private static readonly string[] OwnerSections = ["owners", "symbols", "entities", "shards", "ownership"];
    private static readonly string[] EntityFields = ["entityId", "entity", "id", "symbol"];
    private static readonly string[] OwnerFields = ["owner", "node", "address", "ownerAddress", "region"];

    /// <summary>Members whose status is up (Akka's status, any case).</summary>
    public IEnumerable<string> UpMembers => Members.Where(m => IsUpStatus(m.Value)).Select(m => m.Key);

    /// <summary>Whether this view lists <paramref name="address"/> (host:port) as up.</summary>
    public bool IsUp(string address) => Members.TryGetValue(address, out var status) && IsUpStatus(status);

    private static bool IsUpStatus(string status) => string.Equals(status, "up", StringComparison.OrdinalIgnoreCase);

    public static ClusterView Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var self = Str(root, "self") ?? Str(root, "selfAddress") ?? Str(root, "node") ?? Str(root, "address");
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("members", out var ms) && ms.ValueKind == JsonValueKind.Array)
        {
            foreach (var m in ms.EnumerateArray())
            {
                if (Str(m, "address") is { } address)
                {
                    members[Normalise(address)] = Str(m, "status") ?? "?";
                }
            }
        }

        var unreachable = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("unreachable", out var us) && us.ValueKind == JsonValueKind.Array)
        {
            foreach (var u in us.EnumerateArray())
            {
                if ((u.ValueKind == JsonValueKind.String ? u.GetString() : Str(u, "address")) is { } address)
                {
                    unreachable.Add(Normalise(address));
                }
            }
        }

        var owners = new List<(string, string)>();
        foreach (var section in OwnerSections)
        {
            if (root.TryGetProperty(section, out var s))
            {
                ReadOwners(s, owners);
            }
        }

        // "singletons": { "risk": address, "venue-binance-usdm": address } (null while none runs).
        var singletons = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("singletons", out var ss) && ss.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in ss.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                singletons[p.Name] = Normalise(p.Value.GetString()!);
            }
        }

        var selfAddress = self is null ? null : Normalise(self);
        var selfStatus = Str(root, "status") ?? (selfAddress is not null && members.TryGetValue(selfAddress, out var st) ? st : null);
        var leader = Str(root, "leader");
        return new ClusterView(selfAddress, selfStatus, leader is null ? null : Normalise(leader), members, unreachable, owners, singletons, json);
    }

    /// <summary><c>akka.tcp://actorbot@127.0.0.1:4053</c> → <c>127.0.0.1:4053</c>: host and port identify a node.</summary>
    public static string Normalise(string address)
    {
        var at = address.LastIndexOf('@');
        var rest = at >= 0 ? address[(at + 1)..] : address;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? rest[..slash] : rest;
    }

    private static void ReadOwners(JsonElement section, List<(string, string)> owners)
    {
        if (section.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in section.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.String && p.Name.Contains('/', StringComparison.Ordinal))
                {
                    owners.Add((p.Name, Normalise(p.Value.GetString()!)));
                }
                else if (p.Value.ValueKind == JsonValueKind.Object && Owner(p.Value) is { } owner && p.Name.Contains('/', StringComparison.Ordinal))
                {
                    owners.Add((p.Name, owner));
                }
            }
        }
        else if (section.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in section.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
            {
                var owner = Owner(item);
                if (owner is null)
                {
                    continue;
                }

                var entity = EntityFields.Select(f => Str(item, f)).FirstOrDefault(e => e is not null && e.Contains('/', StringComparison.Ordinal));
                if (entity is not null)
                {
                    owners.Add((entity, owner));
                }

                // A shard with its entities: { "shardId", "node", "entities": ["venue/SYM", ...] }.
                foreach (var list in new[] { "entities", "entityIds" })
                {
                    if (item.TryGetProperty(list, out var ids) && ids.ValueKind == JsonValueKind.Array)
                    {
                        owners.AddRange(ids.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => (i.GetString()!, owner)));
                    }
                }
            }
        }
    }

    private static string? Owner(JsonElement item) =>
        OwnerFields.Select(f => Str(item, f)).FirstOrDefault(o => o is not null && o.Contains(':', StringComparison.Ordinal)) is { } o ? Normalise(o) : null;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
