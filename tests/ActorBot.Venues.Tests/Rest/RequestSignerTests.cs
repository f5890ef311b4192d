using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Venues.Tests.Rest;

public sealed class RequestSignerTests
{
    [Fact(DisplayName = "Signing reproduces Binance's documented HMAC-SHA256 example")]
    public void DocumentedExample()
    {
        const string secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
        const string query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
        RequestSigner.Sign(secret, query).Should().Be("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
        RequestSigner.Verify(secret, query, "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71").Should().BeTrue();
        RequestSigner.Verify(secret, query + "&x=1", "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71").Should().BeFalse();
    }

    [Fact(DisplayName = "Credentials never print their key or secret")]
    public void CredentialsRedacted()
    {
        var credentials = new BinanceCredentials("my-key-123", "my-secret-456");
        credentials.ToString().Should().NotContain("my-key-123").And.NotContain("my-secret-456");
    }

    [Fact(DisplayName = "The weight limiter keeps to its share of the limit and follows the venue's header")]
    public void WeightLimiter()
    {
        var limiter = new WeightLimiter(weightLimitPerMinute: 100, share: 0.5);
        const long minuteStart = 1_700_000_040_000L;
        limiter.TryReserve(40, false, minuteStart).Should().Be(TimeSpan.Zero);
        limiter.TryReserve(20, false, minuteStart + 1000).Should().BeGreaterThan(TimeSpan.Zero, "40 + 20 > 50% of 100");
        limiter.Observe(minuteStart + 2000, usedWeight1m: 10, null, null);
        limiter.TryReserve(20, false, minuteStart + 2000).Should().Be(TimeSpan.Zero, "the venue says only 10 is used");
        limiter.TryReserve(45, false, minuteStart + 61_000).Should().Be(TimeSpan.Zero, "a new minute starts from zero");
    }

    [Fact(DisplayName = "The server clock offset is the server time minus the round-trip midpoint")]
    public void ServerClockOffset()
    {
        var clock = new ServerClock(TimeProvider.System);
        clock.IsStale(TimeSpan.FromMinutes(1)).Should().BeTrue();
        clock.Update(1_000, 1_100, 6_050);
        clock.OffsetMs.Should().Be(5_000);
        clock.IsStale(TimeSpan.FromMinutes(1)).Should().BeFalse();
    }
}
