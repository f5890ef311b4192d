using ActorBot.Engine.Configuration;
using Akka.Configuration;

namespace ActorBot.Host.Service;

/// <summary>
/// The simulator's symbol aliases (<c>RECORDED = [ALIAS, ...]</c>): one recording served under several symbol names
/// at once. Read from HOCON (<c>actorbot.simulator.aliases</c>) or <c>simulate --alias RECORDED=ALIAS</c>.
/// </summary>
public static class SymbolAliases
{
    /// <summary>The map at <paramref name="key"/> (empty when absent); a bad name names its key.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FromConfig(Config config, string key)
    {
        ArgumentNullException.ThrowIfNull(config);
        var pairs = new List<(string Recorded, string Alias)>();
        if (config.HasPath(key))
        {
            var section = config.GetConfig(key);
            foreach (var (recorded, _) in section?.AsEnumerable() ?? [])
            {
                foreach (var alias in section!.TextList(recorded))
                {
                    pairs.Add((recorded, alias));
                }
            }
        }

        return Build(pairs, key);
    }

    /// <summary><c>RECORDED=ALIAS</c> pairs as given on the command line.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FromArguments(IEnumerable<string> arguments, string option)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var pairs = new List<(string Recorded, string Alias)>();
        foreach (var argument in arguments)
        {
            var eq = argument.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == argument.Length - 1)
            {
                throw new ConfigurationException($"{option} must be RECORDED=ALIAS (e.g. BTCUSD_PERP=BTCUSD_PERP_B), got \"{argument}\"");
            }

            pairs.Add((argument[..eq], argument[(eq + 1)..]));
        }

        return Build(pairs, option);
    }

    private static Dictionary<string, IReadOnlyList<string>> Build(List<(string Recorded, string Alias)> pairs, string where)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (recorded, alias) in pairs)
        {
            Require(recorded, where);
            Require(alias, where);
            // An alias that is also a recording (or listed twice) would publish every trade twice on one stream.
            if (alias == recorded || pairs.Any(p => p.Recorded == alias) || !seen.Add(alias))
            {
                throw new ConfigurationException($"{where}: alias \"{alias}\" is listed twice or is itself a recorded symbol");
            }

            var list = result.TryGetValue(recorded, out var l) ? (List<string>)l : [];
            list.Add(alias);
            result[recorded] = list;
        }

        return result;
    }

    // Venue symbols are upper-case letters, digits and '_' (BTCUSDT, BTCUSD_PERP); stream names are their lower case.
    private static void Require(string symbol, string where)
    {
        if (symbol.Length == 0 || !symbol.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
        {
            throw new ConfigurationException($"{where}: \"{symbol}\" is not a venue symbol (upper-case letters, digits, '_')");
        }
    }
}
