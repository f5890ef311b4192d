using Akka.Actor;

namespace ActorBot.Engine.Risk;

/// <summary>
/// Given to /user/bot to run /user/bot/risk and route every symbol's entries through it to the execution of the
/// symbol's venue (the venue's /execution in testnet and live, the in-process paper execution in paper).
/// Without it (replay, shadow) there is no risk child and the traders fill on paper in process, exactly as replay does.
/// The execution targets are <see cref="ICanTell"/>s because the service's are <see cref="ActorSelection"/>s of
/// <c>/user/venues/{venue}/execution</c>: the venue subtrees are created after the bot (they need the bot's ref), and a
/// path resolves to whichever incarnation runs (an entry only exists once the venue streams, so it is there by then).
/// <paramref name="Execution"/> serves every symbol <see cref="VenueOfSymbol"/> does not place on a venue of
/// <see cref="Executions"/> (a one-venue service needs nothing else).
/// </summary>
public sealed record RiskWiring(RiskActorSettings Settings, ICanTell Execution)
{
    /// <summary>Symbol → the venue that trades it: whose execution gets its entries and whose free balance sizes them.</summary>
    public IReadOnlyDictionary<string, string> VenueOfSymbol { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Venue → its execution.</summary>
    public IReadOnlyDictionary<string, ICanTell> Executions { get; init; } = new Dictionary<string, ICanTell>(StringComparer.Ordinal);

    /// <summary>
    /// Cluster mode: where a symbol's trader is reached (its entity through the shard region), whichever node runs it.
    /// Null: the reference the intent carried, or the trader's fixed path next to /risk.
    /// </summary>
    public Func<string, ICanTell>? TraderOf { get; init; }

    /// <summary>The venue of <paramref name="symbol"/>, or null when it is not mapped (one-venue wiring).</summary>
    public string? VenueOf(string symbol) => VenueOfSymbol.TryGetValue(symbol, out var venue) ? venue : null;

    /// <summary>Where <paramref name="symbol"/>'s entries and closes go.</summary>
    public ICanTell ExecutionFor(string symbol) =>
        VenueOf(symbol) is { } venue && Executions.TryGetValue(venue, out var execution) ? execution : Execution;
}
