using System.Text.Json;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Venues.Tests.Simulator;

/// <summary><c>GET /admin/orders</c>: every new-order request the venue received, accepted or not, with time and client port.</summary>
public sealed class OrderAuditTests
{
    [Fact(DisplayName = "The order audit lists every new order in arrival order, a rejected duplicate too, with the venue's code and the client's port")]
    public async Task ListsEveryOrder()
    {
        await using var host = await Sim.StartAsync();
        host.PublishTrade("BTCUSDT", 100m, 1m, 1);
        var (client, http) = Sim.Client(host);
        using var ownedHttp = http;
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        (await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "LIMIT", "audit-1", 1m, 90m, "GTC"))).Value.Should().NotBeNull();
        (await client.PlaceOrderAsync(new NewOrder("BTCUSDT", "BUY", "LIMIT", "audit-1", 1m, 90m, "GTC"))).Value.Should().BeNull("an open duplicate client id is refused");

        using var admin = new HttpClient { BaseAddress = host.RestUri };
        using var doc = JsonDocument.Parse(await admin.GetStringAsync("/admin/orders"));
        var rows = doc.RootElement.EnumerateArray().ToList();
        rows.Should().HaveCount(2);
        rows.Select(r => r.GetProperty("clientId").GetString()).Should().Equal("audit-1", "audit-1");
        rows.Select(r => r.GetProperty("code").GetInt32()).Should().Equal(0, -4116);
        rows.Should().OnlyContain(r => r.GetProperty("route").GetString() == "order" && r.GetProperty("symbol").GetString() == "BTCUSDT"
            && r.GetProperty("side").GetString() == "BUY" && r.GetProperty("remotePort").GetInt32() > 0
            && r.GetProperty("receivedMs").GetInt64() >= before);
        host.OrderAudit.Orders.Should().HaveCount(2);
    }
}
