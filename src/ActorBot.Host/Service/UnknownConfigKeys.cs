using ActorBot.Hocon;
using ActorBot.Hocon.Values;

namespace ActorBot.Host.Service;

/// <summary>
/// Refuses a key under <c>actorbot</c> that the embedded defaults do not document: a typo such as
/// <c>risk.daily-los-cap-usd</c> would otherwise be ignored silently and the default would trade real money.
/// The defaults are the schema. Four places are open maps whose keys are names the operator chooses: venues
/// (each checked against the <c>binance-usdm</c> template), per-symbol risk filters (checked against
/// <c>default</c>), a venue's <c>contracts</c> (symbol → contract kind) and the simulator's <c>aliases</c>
/// (recorded symbol → alias names); the last two are checked where they are read.
/// <c>akka.*</c> is Akka's and not checked here.
/// </summary>
public static class UnknownConfigKeys
{
    private const string Root = "actorbot";

    /// <summary>Open maps: a path (<c>*</c> matches any one key) and the defaults' entry new keys are checked against (null: anything).</summary>
    private static readonly (string[] Path, string? Template)[] OpenMaps =
    [
        (["actorbot", "venues"], "binance-usdm"),
        (["actorbot", "venues", "*", "contracts"], null),
        (["actorbot", "risk", "filters"], "default"),
        (["actorbot", "simulator", "aliases"], null),
    ];

    /// <summary>Throws a <see cref="HoconException"/> at the first unknown key of <paramref name="operatorLayer"/>.</summary>
    public static void Check(HoconObject operatorLayer, HoconObject defaults)
    {
        ArgumentNullException.ThrowIfNull(operatorLayer);
        ArgumentNullException.ThrowIfNull(defaults);
        foreach (var unknown in Find(operatorLayer, defaults))
        {
            throw new HoconException(
                $"unknown configuration key \"{unknown.Path}\" (not in the documented keys of hocon/actorbot.conf; check its spelling)",
                unknown.Origin);
        }
    }

    /// <summary>Every key of <paramref name="operatorLayer"/> under <c>actorbot</c> the defaults do not have, in file order.</summary>
    public static IEnumerable<(string Path, SourcePosition Origin)> Find(HoconObject operatorLayer, HoconObject defaults)
    {
        if (operatorLayer.TryGetValue(Root, out var mine) && mine is HoconObject mineObject
            && defaults.TryGetValue(Root, out var known) && known is HoconObject knownObject)
        {
            return Walk([Root], mineObject, knownObject);
        }

        return [];
    }

    private static IEnumerable<(string Path, SourcePosition Origin)> Walk(List<string> path, HoconObject mine, HoconObject known)
    {
        var openMap = OpenMaps.FirstOrDefault(m => Matches(m.Path, path));
        foreach (var (key, value) in mine)
        {
            HoconValue? schema;
            if (openMap.Path is not null)
            {
                if (openMap.Template is null)
                {
                    continue;
                }

                schema = known.TryGetValue(key, out var own) ? own : known.GetValueOrDefault(openMap.Template);
            }
            else
            {
                schema = known.GetValueOrDefault(key);
            }

            path.Add(key);
            if (schema is null)
            {
                yield return (string.Join('.', path), value.Origin);
            }
            else if (value is HoconObject child && schema is HoconObject childSchema)
            {
                foreach (var unknown in Walk(path, child, childSchema))
                {
                    yield return unknown;
                }
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private static bool Matches(string[] pattern, List<string> path) =>
        pattern.Length == path.Count && pattern.Zip(path).All(p => p.Item1 == "*" || p.Item1 == p.Item2);
}
