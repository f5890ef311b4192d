using ActorBot.Engine.Bot;
using ActorBot.Engine.Venues;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Host.Service;

/// <summary>
/// The embedded simulator of every enabled venue: each venue gets its own in-process simulator (its own account,
/// throw-away keys and loopback ports) replaying the configured data, and trades only its own symbols there. With one
/// venue (the default configuration) this is exactly the one simulator <c>run</c> always started.
/// </summary>
public sealed class EmbeddedVenues : IAsyncDisposable
{
    private readonly List<(string Venue, IReadOnlyList<string> Symbols, EmbeddedSimulator Sim)> _venues;

    private EmbeddedVenues(List<(string, IReadOnlyList<string>, EmbeddedSimulator)> venues) => _venues = venues;

    /// <summary>The primary venue's simulator.</summary>
    public EmbeddedSimulator Primary => _venues[0].Sim;

    public EmbeddedSimulatorSettings Settings => Primary.Settings;

    /// <summary>Each venue with its symbols and simulator, the primary first.</summary>
    public IReadOnlyList<(string Venue, IReadOnlyList<string> Symbols, EmbeddedSimulator Sim)> Venues => _venues;

    /// <summary>Frames replayed by every simulator.</summary>
    public long FramesReplayed => _venues.Sum(v => v.Sim.Host.Replayer.FramesReplayed);

    /// <summary>The aggTrade frames among <see cref="FramesReplayed"/>.</summary>
    public long AggTradeFramesReplayed => _venues.Sum(v => v.Sim.Host.Replayer.AggTradeFramesReplayed);

    /// <summary>Starts one simulator per enabled venue of <paramref name="bot"/> (all of them on failure are stopped again).</summary>
    public static async Task<EmbeddedVenues> StartAsync(EmbeddedSimulatorSettings settings, BotSettings bot, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bot);
        var started = new List<(string, IReadOnlyList<string>, EmbeddedSimulator)>();
        try
        {
            foreach (var venue in bot.Venues)
            {
                var symbols = bot.SymbolsOn(venue);
                started.Add((venue, symbols, await EmbeddedSimulator.StartAsync(settings, symbols, ct).ConfigureAwait(false)));
            }
        }
        catch
        {
            await new EmbeddedVenues(started).DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new EmbeddedVenues(started);
    }

    /// <summary>The configuration layer that makes every venue its own simulator (<see cref="EmbeddedSimulator.VenueOverlay"/>).</summary>
    public string Overlay() => string.Join('\n', _venues.Select(v => v.Sim.VenueOverlay(v.Venue)));

    /// <summary>
    /// The service's environment with each venue's throw-away keys under the variable names that venue reads
    /// (<see cref="VenueKeys.Names"/>: the first pair gets the simulator's keys, later pairs none), so a real key is
    /// never sent to a simulator. One binance-usdm venue: exactly <see cref="EmbeddedSimulator.Environment"/>.
    /// </summary>
    public Func<string, string?> Environment(Config config, Func<string, string?> process)
    {
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (venue, _, sim) in _venues)
        {
            foreach (var (pair, i) in VenueKeys.Names(config, venue).Select((p, i) => (p, i)))
            {
                names.TryAdd(pair.Key, i == 0 ? sim.ApiKey : null);
                names.TryAdd(pair.Secret, i == 0 ? sim.ApiSecret : null);
            }
        }

        return name => names.TryGetValue(name, out var value) ? value : process(name);
    }

    /// <summary>Starts each simulator's replay once the service has subscribed to that venue's symbols.</summary>
    public Task StartReplayWhenSubscribedAsync(TimeSpan timeout, CancellationToken ct) =>
        Task.WhenAll(_venues.Select(v => v.Sim.StartReplayWhenSubscribedAsync(v.Symbols, timeout, ct)));

    /// <summary>Every venue's data has ended and been taken in (<see cref="DemoEnd"/>).</summary>
    public Task DataEndAsync(ActorSystem system, CancellationToken ct) =>
        _venues.Count == 1
            ? DemoEnd.WaitAsync(system, Primary, _venues[0].Venue, ct)
            : DemoEnd.WaitAllAsync(system, _venues.Select(v => (v.Venue, v.Sim)).ToList(), ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, _, sim) in _venues)
        {
            await sim.DisposeAsync().ConfigureAwait(false);
        }
    }
}
