using ActorBot.Domain.Hud;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Hud;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Configs;

namespace ActorBot.Host.Tests.Hud;

/// <summary>
/// <c>/user/hud</c> through the real <c>Telegram.Bot</c> client against a local fake Bot API over loopback, on the
/// actor's virtual clock (TestScheduler): what arrives, 429 retry_after, a 500, and a Bot API that hangs.
/// </summary>
public sealed class TelegramHudTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string Token = "123456789:FAKE-hud-token-never-print-me";
    private const string Chat = "-100987654321";
    private const string StartupText = "ActorBot started\nmode: testnet\nvenues: binance-usdm\nsymbols: BTCUSDT";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private FakeBotApi _api = null!;
    private readonly List<TelegramHudSender> _senders = [];

    public TelegramHudTests()
        : base(TestConfigs.TestSchedulerConfig)
    {
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _senders.ForEach(s => s.Dispose());
    }

    private IActorRef StartHud(int queueCapacity = 100, int perMinute = 20)
    {
        var sender = new TelegramHudSender(_api.BaseUrl.ToString(), Token, Chat, TimeSpan.FromSeconds(30));
        _senders.Add(sender);
        var settings = new HudSettings(true, _api.BaseUrl.ToString(), new HudThrottleSettings(TimeSpan.FromMinutes(5), perMinute, queueCapacity), TimeSpan.FromSeconds(30), Decisions: false);
        var startup = new HudStartup(TradeMode.Testnet, ["binance-usdm"], ["BTCUSDT"], null);
        var hud = Sys.ActorOf(Props.Create(() => new HudActor(settings, startup, sender)), "hud");
        Status(hud); // PreStart (subscriptions, startup message) has run
        return hud;
    }

    private HudStatus Status(IActorRef hud)
    {
        hud.Tell(GetHudStatus.Instance, TestActor);
        return ExpectMsg<HudStatus>();
    }

    [Fact(DisplayName = "HUD messages reach the Bot API's sendMessage with the configured chat id, token and text")]
    public void Messages_arrive()
    {
        var hud = StartHud();
        Sys.EventStream.Publish(new SafePauseChanged(true, ["stale market data for BTCUSDT"]));
        AwaitAssert(() => _api.Texts.Should().Equal(StartupText, "SAFE_PAUSE entered: no new entries\nreasons: stale market data for BTCUSDT"), Wait);
        _api.Received.Should().AllSatisfy(r =>
        {
            r.Method.Should().Be("sendMessage");
            r.ChatId.Should().Be(Chat);
            r.Token.Should().Be(Token);
        });
        AwaitAssert(() => Status(hud).Sent.Should().Be(2), Wait);
    }

    [Fact(DisplayName = "A 429 with retry_after holds every send for exactly that long on the actor's clock, then the same message goes first")]
    public void Retry_after_is_respected()
    {
        _api.RetryAfterSeconds = 7;
        _api.Script(FakeAnswer.TooManyRequests);
        var start = Scheduler.Now;
        var hud = StartHud();
        AwaitAssert(() => Status(hud).RateLimited.Should().Be(1), Wait);
        Status(hud).BlockedUntil.Should().BeCloseTo(start + TimeSpan.FromSeconds(7), TimeSpan.FromMilliseconds(50));

        Sys.EventStream.Publish(new SafePauseChanged(true, ["kill switch"]));
        Status(hud).Queued.Should().Be(2, "the event waits behind the rate-limited startup message");
        Scheduler.Advance(TimeSpan.FromSeconds(6.9));
        Status(hud).Queued.Should().Be(2);
        _api.Received.Should().HaveCount(1, "nothing is sent before retry_after is over");

        Scheduler.Advance(TimeSpan.FromSeconds(0.2));
        AwaitAssert(() => _api.Texts.Should().Equal(StartupText, "SAFE_PAUSE entered: no new entries\nreasons: kill switch"), Wait);
        _api.Received[0].Answer.Should().Be(FakeAnswer.TooManyRequests);
        _api.Received[1].Text.Should().Be(StartupText);
    }

    [Fact(DisplayName = "A 500 from the Bot API is counted as a failed send with its error, and the next message still goes")]
    public void Server_error_is_counted()
    {
        _api.Script(FakeAnswer.ServerError);
        var hud = StartHud();
        AwaitAssert(() => Status(hud).Failed.Should().Be(1), Wait);
        Sys.EventStream.Publish(new KillSwitchChanged(true, "probe"));
        AwaitAssert(() => _api.Texts.Should().ContainSingle().Which.Should().StartWith("KILL SWITCH ENGAGED"), Wait);
        // The fake records the request before its answer reaches the client: wait for the actor to see the answer.
        AwaitAssert(() => Status(hud).Sent.Should().Be(1), Wait);
        Status(hud).LastError.Should().Contain("500").And.NotContain(Token);
    }

    [Fact(DisplayName = "A Bot API that hangs never blocks the HUD actor: it keeps answering, the bounded queue fills and the rest is dropped and counted")]
    public void Hanging_api_drops_and_counts()
    {
        _api.Script(FakeAnswer.Hang);
        var hud = StartHud(queueCapacity: 3);
        AwaitAssert(() => _api.Received.Should().HaveCount(1), Wait);
        for (var i = 0; i < 50; i++)
        {
            Sys.EventStream.Publish(new KillSwitchChanged(i % 2 == 0, $"source {i}"));
        }

        var status = Status(hud);
        status.Queued.Should().Be(3);
        status.Dropped.Should().Be(47);
        status.Sent.Should().Be(0);
        _api.Received.Should().HaveCount(1, "one send in flight at a time");
    }
}
