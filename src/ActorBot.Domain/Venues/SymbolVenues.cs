namespace ActorBot.Domain.Venues;

/// <summary>
/// Which enabled venue trades each configured symbol. The rule: with exactly one enabled venue whose own list is
/// empty, that venue takes every symbol (a one-venue configuration needs no list); otherwise every symbol belongs to
/// exactly one enabled venue, and every venue lists at least one symbol. With no venue enabled nothing streams, and
/// every symbol is scoped to <c>fallbackVenue</c> (its pause reasons keep their names). Pure: the host turns an
/// <see cref="Error"/> into a configuration error (exit 2).
/// </summary>
public sealed record SymbolVenues(IReadOnlyDictionary<string, string> VenueOf, IReadOnlyList<string> Venues, string? Error)
{
    /// <param name="symbols">the configured symbols (<c>actorbot.symbols</c>).</param>
    /// <param name="enabled">each enabled venue with the symbols it lists, in configuration order.</param>
    public static SymbolVenues Assign(IReadOnlyList<string> symbols, IReadOnlyList<(string Venue, IReadOnlyList<string> Symbols)> enabled, string fallbackVenue)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(enabled);
        if (enabled.Count == 0)
        {
            return new(symbols.ToDictionary(s => s, _ => fallbackVenue, StringComparer.Ordinal), [], null);
        }

        var names = enabled.Select(v => v.Venue).ToList();
        if (enabled.Count == 1 && enabled[0].Symbols.Count == 0)
        {
            return new(symbols.ToDictionary(s => s, _ => enabled[0].Venue, StringComparer.Ordinal), names, null);
        }

        foreach (var (venue, listed) in enabled)
        {
            if (listed.Count == 0)
            {
                return Fail($"actorbot.venues.{venue}.symbols is empty: with several enabled venues ({string.Join(", ", names)}) each lists the symbols it trades");
            }

            if (listed.FirstOrDefault(s => !symbols.Contains(s, StringComparer.Ordinal)) is { } unknown)
            {
                return Fail($"actorbot.venues.{venue}.symbols lists {unknown}, which is not in actorbot.symbols ({string.Join(", ", symbols)})");
            }
        }

        var venueOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            var on = enabled.Where(v => v.Symbols.Contains(symbol, StringComparer.Ordinal)).Select(v => v.Venue).ToList();
            switch (on.Count)
            {
                case 0:
                    return Fail($"symbol {symbol} is on no enabled venue ({string.Join(", ", names)}): add it to one venue's symbols");
                case > 1:
                    return Fail($"symbol {symbol} is on venues {string.Join(" and ", on)}: a symbol trades on exactly one enabled venue");
                default:
                    venueOf[symbol] = on[0];
                    break;
            }
        }

        return new(venueOf, names, null);
    }

    /// <summary>The symbols <paramref name="venue"/> trades, in the configured order.</summary>
    public IReadOnlyList<string> SymbolsOf(string venue) => VenueOf.Where(p => p.Value == venue).Select(p => p.Key).ToList();

    private static SymbolVenues Fail(string error) => new(new Dictionary<string, string>(StringComparer.Ordinal), [], error);
}
