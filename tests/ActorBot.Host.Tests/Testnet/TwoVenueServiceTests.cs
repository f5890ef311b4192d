using System.Net;
using System.Text.Json;
using ActorBot.Engine.Trading;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorBot.Host.Tests.Testnet;

/// <summary>
/// One service, two venues (issue 11 Deliver 2): each enabled venue is its own <c>/user/venues/{venue}</c> subtree with
/// its own REST client, keys, market stream, execution and account, against its own simulator; /risk sends each
/// symbol's entries to its venue's execution only.
/// </summary>
public sealed class TwoVenueServiceTests : IAsyncLifetime
{
    private TwoVenueService? _service;

    public async Task InitializeAsync() => _service = await TwoVenueService.StartAsync("routing");

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact(DisplayName = "Two venues in one service: an entry for venue A's symbol reaches simulator A only, and one for venue B's symbol reaches simulator B only")]
    public async Task Entries_reach_only_their_symbols_venue()
    {
        var s = _service!;
        await s.TradeUntilRunning(100m, 1);

        (await s.Intent(TwoVenueService.SymbolA, "ev-two-a")).Should().BeOfType<EntryFilled>().Which.Quantity.Should().Be(1m);
        await Poll.Until(() => Task.FromResult(s.SimA.Engine.OpenAlgoOrderCount), n => n == 2, "A's brackets working", TwoVenueService.Deadline);
        s.SimA.Engine.OrderCount.Should().Be(1);
        s.SimA.Engine.PositionAmount(TwoVenueService.SymbolA).Should().Be(1m);
        s.SimB.Engine.OrderCount.Should().Be(0, "venue B trades ETHUSDT only");
        s.SimB.Engine.OpenAlgoOrderCount.Should().Be(0);

        (await s.Intent(TwoVenueService.SymbolB, "ev-two-b")).Should().BeOfType<EntryFilled>().Which.Quantity.Should().Be(1m);
        await Poll.Until(() => Task.FromResult(s.SimB.Engine.OpenAlgoOrderCount), n => n == 2, "B's brackets working", TwoVenueService.Deadline);
        s.SimB.Engine.OrderCount.Should().Be(1);
        s.SimB.Engine.PositionAmount(TwoVenueService.SymbolB).Should().Be(1m);
        s.SimB.Engine.PositionAmount(TwoVenueService.SymbolA).Should().Be(0m);
        s.SimA.Engine.OrderCount.Should().Be(1, "venue A got nothing more");
        s.SimA.Engine.PositionAmount(TwoVenueService.SymbolB).Should().Be(0m);
        (await s.RiskStatus()).OpenTradesBySymbol.Should().BeEquivalentTo(new Dictionary<string, int> { [TwoVenueService.SymbolA] = 1, [TwoVenueService.SymbolB] = 1 });
    }

    [Fact(DisplayName = "Two venues in one service: /actors shows both venue subtrees (health, market, execution, account), each with its own symbols")]
    public async Task Actors_shows_both_venue_subtrees()
    {
        var app = _service!.App;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        using var response = await http.GetAsync("/actors");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var actors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("actors").EnumerateArray()
            .ToDictionary(a => a.GetProperty("path").GetString()!, a => a.Clone());

        foreach (var venue in new[] { TwoVenueService.VenueA, TwoVenueService.VenueB })
        {
            actors.Should().ContainKeys($"/user/venues/{venue}", $"/user/venues/{venue}/health", $"/user/venues/{venue}/market",
                $"/user/venues/{venue}/execution", $"/user/venues/{venue}/account");
            actors[$"/user/venues/{venue}"].GetProperty("summary").GetProperty("apiKey").GetBoolean().Should().BeTrue($"{venue} has its own keys");
        }

        var symbols = actors["/user/venues"].GetProperty("summary").GetProperty("symbols");
        symbols.GetProperty(TwoVenueService.VenueA).EnumerateArray().Select(e => e.GetString()).Should().Equal(TwoVenueService.SymbolA);
        symbols.GetProperty(TwoVenueService.VenueB).EnumerateArray().Select(e => e.GetString()).Should().Equal(TwoVenueService.SymbolB);
    }
}
