using System.Text;
using System.Text.RegularExpressions;

namespace ActorBot.Domain.Execution;

/// <summary>
/// Deterministic client order ids: the same (strategy, symbol, signal time, leg, attempt) always gives the
/// same id, so a re-send after a crash is recognised by the venue (duplicate id) and can be looked up by
/// id before sending. Layout <c>{strategy≤4}-{SYMBOL}-{time base36}-{leg}{attempt base36}-{hash4}</c>,
/// e.g. <c>snap-BTCUSDT-mjv2lpc0-e0-3k9z</c>: readable in the venue UI, parseable back, within Binance's
/// rule <c>^[\.A-Z\:/a-z0-9_-]{1,36}$</c> (newClientOrderId and clientAlgoId). The hash is FNV-1a over the
/// full, untruncated inputs, so two strategies sharing a 4-letter prefix, or symbols cut to fit, still differ.
/// A symbol too long for the budget is cut and marked with a trailing <c>.</c>; it then parses as a prefix.
/// </summary>
public static partial class ClientOrderId
{
    public const int MaxLength = 36;
    private const int StrategyLength = 4;
    private const int HashLength = 4;
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static string Create(string strategy, string symbol, long signalTimeMs, OrderLeg leg, int attempt = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(strategy);
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentOutOfRangeException.ThrowIfNegative(signalTimeMs);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(attempt, Alphabet.Length - 1);

        var strat = Sanitise(strategy.ToLowerInvariant(), StrategyLength);
        var time = ToBase36(signalTimeMs);
        var tail = $"-{time}-{LegCode(leg)}{Alphabet[attempt]}-{Hash(strategy, symbol, signalTimeMs, leg, attempt)}";
        var budget = MaxLength - strat.Length - 1 - tail.Length;
        var sym = Sanitise(symbol.ToUpperInvariant(), int.MaxValue);
        if (sym.Length > budget)
        {
            sym = sym[..(budget - 1)] + ".";
        }

        return $"{strat}-{sym}{tail}";
    }

    /// <summary>True when <paramref name="id"/> satisfies Binance's charset and length rule.</summary>
    public static bool IsValidForBinance(string id) => BinancePattern().IsMatch(id);

    /// <summary>Reads an id back; false for ids not made by <see cref="Create"/> (manual orders, other bots).</summary>
    public static bool TryParse(string? id, out ParsedClientOrderId parsed)
    {
        parsed = default!;
        if (id is null || id.Length > MaxLength)
        {
            return false;
        }

        var m = Layout().Match(id);
        if (!m.Success || LegFromCode(m.Groups["leg"].Value[0]) is not { } leg || !TryFromBase36(m.Groups["time"].Value, out var time))
        {
            return false;
        }

        var symbol = m.Groups["sym"].Value;
        var complete = !symbol.EndsWith('.');
        parsed = new ParsedClientOrderId(
            m.Groups["strat"].Value,
            complete ? symbol : symbol[..^1],
            complete,
            time,
            leg,
            Alphabet.IndexOf(m.Groups["att"].Value[0], StringComparison.Ordinal));
        return true;
    }

    /// <summary>Whether <paramref name="id"/> is exactly what this strategy would have generated for its parsed fields.</summary>
    public static bool IsOwnedBy(string id, string strategy) =>
        TryParse(id, out var p) && p.SymbolComplete && Create(strategy, p.Symbol, p.SignalTimeMs, p.Leg, p.Attempt) == id;

    private static char LegCode(OrderLeg leg) => leg switch
    {
        OrderLeg.Entry => 'e',
        OrderLeg.StopLoss => 's',
        OrderLeg.TakeProfit => 't',
        OrderLeg.Flatten => 'f',
        _ => throw new ArgumentOutOfRangeException(nameof(leg), leg, "unknown leg"),
    };

    private static OrderLeg? LegFromCode(char code) => code switch
    {
        'e' => OrderLeg.Entry,
        's' => OrderLeg.StopLoss,
        't' => OrderLeg.TakeProfit,
        'f' => OrderLeg.Flatten,
        _ => null,
    };

    private static string Sanitise(string text, int maxLength)
    {
        var sb = new StringBuilder(Math.Min(text.Length, 64));
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) && sb.Length < maxLength)
            {
                sb.Append(c);
            }
        }

        return sb.Length == 0 ? "x" : sb.ToString();
    }

    private static string Hash(string strategy, string symbol, long timeMs, OrderLeg leg, int attempt)
    {
        // FNV-1a 64: stable across processes and runtimes, unlike string.GetHashCode.
        var h = 0xcbf29ce484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes($"{strategy}|{symbol}|{timeMs}|{leg}|{attempt}"))
        {
            h = (h ^ b) * 0x100000001b3UL;
        }

        var chars = new char[HashLength];
        for (var i = 0; i < HashLength; i++)
        {
            chars[i] = Alphabet[(int)(h % 36)];
            h /= 36;
        }

        return new string(chars);
    }

    private static string ToBase36(long value)
    {
        if (value == 0)
        {
            return "0";
        }

        var sb = new StringBuilder();
        for (var v = value; v > 0; v /= 36)
        {
            sb.Insert(0, Alphabet[(int)(v % 36)]);
        }

        return sb.ToString();
    }

    private static bool TryFromBase36(string text, out long value)
    {
        value = 0;
        foreach (var c in text)
        {
            var d = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (d < 0 || value > (long.MaxValue - d) / 36)
            {
                return false;
            }

            value = (value * 36) + d;
        }

        return text.Length > 0;
    }

    [GeneratedRegex(@"^[\.A-Z\:/a-z0-9_-]{1,36}$")]
    private static partial Regex BinancePattern();

    [GeneratedRegex(@"^(?<strat>[a-z0-9]{1,4})-(?<sym>[A-Z0-9]+\.?)-(?<time>[0-9a-z]{1,13})-(?<leg>[estf])(?<att>[0-9a-z])-(?<hash>[0-9a-z]{4})$")]
    private static partial Regex Layout();
}

/// <summary>The fields read back from a client order id. <see cref="Symbol"/> is a prefix when <see cref="SymbolComplete"/> is false.</summary>
public sealed record ParsedClientOrderId(string StrategyPrefix, string Symbol, bool SymbolComplete, long SignalTimeMs, OrderLeg Leg, int Attempt);
