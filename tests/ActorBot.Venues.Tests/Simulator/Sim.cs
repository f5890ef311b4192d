using ActorBot.Venues.Binance.Decoding;
using ActorBot.Venues.Binance.Rest;
using ActorBot.Venues.Simulator;

namespace ActorBot.Venues.Tests.Simulator;

/// <summary>Starts a simulator on a free loopback port and builds adapter clients for it.</summary>
internal static class Sim
{
    public static Task<SimulatorHost> StartAsync(SimulatorOptions? options = null) =>
        SimulatorHost.StartAsync((options ?? new SimulatorOptions()) with { Port = 0 });

    public static (BinanceRestClient Client, HttpClient Http) Client(SimulatorHost host, BinanceRestOptions? options = null, string? secret = null, DecodeErrorCounter? errors = null, TimeProvider? time = null)
    {
        var http = new HttpClient();
        var o = (options ?? new BinanceRestOptions()) with { BaseAddress = host.RestUri };
        var client = new BinanceRestClient(http, o, new BinanceCredentials("sim-api-key", secret ?? "sim-api-secret"), errors ?? new DecodeErrorCounter(), time, jitter: new Random(7));
        return (client, http);
    }
}
