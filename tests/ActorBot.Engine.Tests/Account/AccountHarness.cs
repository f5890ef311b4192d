using ActorBot.Engine.Tests.Execution;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Account;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Venues.Binance.Rest;
using Akka.Actor;
using Akka.TestKit;

namespace ActorBot.Engine.Tests.Account;

/// <summary>
/// The real venue subtree (<c>/user/venues/sim</c> with market, health, execution and account) against the simulator
/// over loopback, on the SQLite journal of <see cref="ExecutionHarness"/>; the bot and /risk are probes.
/// </summary>
internal sealed class AccountHarness : IAsyncDisposable
{
    public const string Venue = "sim";
    public const string Btc = ExecutionHarness.Symbol;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-account-").FullName;

    private AccountHarness(ExecutionHarness inner)
    {
        Inner = inner;
        Bot = inner.Kit.CreateTestProbe("bot");
        Risk = inner.Kit.CreateTestProbe("risk");
    }

    public ExecutionHarness Inner { get; }

    public TestProbe Bot { get; }

    public TestProbe Risk { get; }

    public IActorRef Venues { get; private set; } = ActorRefs.Nobody;

    public string DriftFile => Path.Combine(_dir, "reconcile_drift.jsonl");

    public static async Task<AccountHarness> StartAsync(IReadOnlyList<string>? symbols = null, int leverage = 5, MarginType margin = MarginType.Isolated)
    {
        var h = new AccountHarness(await ExecutionHarness.StartAsync());
        // A price to fill MARKET orders at, before anything trades.
        h.Inner.Host.PublishTrade(Btc, 100m, 1m, 1);
        var list = symbols ?? [Btc];
        var venue = new VenueSettings(Venue, h.Inner.Host.RestUri, h.Inner.Host.WsUri, list,
            TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        // Periodic checks an hour apart: every check in these tests is one the test asked for (start, gap, ReconcileNow).
        var account = new AccountSettings(Venue, list, h.DriftFile, leverage, margin, TimeSpan.FromHours(1), DriftPersistChecks: 2);
        var trading = new VenueTrading(new ExecutionSettings(Venue, list), account, new BinanceCredentials("sim-api-key", "sim-api-secret"), h.Risk.Ref);
        h.Venues = h.Inner.System.ActorOf(Props.Create(() => new VenuesActor(new[] { venue }, h.Bot.Ref, trading)), "venues");
        h.Inner.Kit.AwaitAssert(() => h.Execution().Phase.Should().Be(ExecutionPhase.Ready), Wait);
        return h;
    }

    public AccountStatus Status() =>
        Venues.Ask<AccountStatus>(new AskVenue(Venue, GetAccountStatus.Instance), TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();

    public ExecutionStatus Execution() =>
        Venues.Ask<ExecutionStatus>(new AskVenue(Venue, GetExecutionStatus.Instance), TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();

    /// <summary>Asks for a check and waits until it ran (its counters moved).</summary>
    public AccountStatus ReconcileNow()
    {
        var before = Status();
        Inner.System.ActorSelection($"/user/venues/{Venue}/account").Tell(Engine.Venues.Account.ReconcileNow.Instance);
        AccountStatus? after = null;
        Inner.Kit.AwaitAssert(() =>
        {
            after = Status();
            (after.Reconciles + after.ReconcileFailures).Should().BeGreaterThan(before.Reconciles + before.ReconcileFailures);
        }, Wait);
        return after!;
    }

    public async ValueTask DisposeAsync()
    {
        await Inner.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
