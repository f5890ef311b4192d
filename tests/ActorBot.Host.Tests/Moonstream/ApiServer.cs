using ActorBot.Host.Service.Moonstream;
using Akka.Actor;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace ActorBot.Host.Tests.Moonstream;

/// <summary>The moonstream API on a real Kestrel app on a loopback port, asking a real actor as its bot.</summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiServer(WebApplication app, HttpClient http, MoonstreamBackend backend)
    {
        _app = app;
        Http = http;
        Backend = backend;
    }

    public HttpClient Http { get; }

    public MoonstreamBackend Backend { get; }

    public static async Task<ApiServer> StartAsync(IActorRef bot, IEnumerable<string> symbols, TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var steps = new Dictionary<string, decimal> { ["BTC"] = 20m, ["ETH"] = 1m, ["SOL"] = 0.1m };
        var backend = new MoonstreamBackend(() => bot, symbols, steps, clock, TimeSpan.FromSeconds(3));
        MoonstreamApi.Map(app, backend);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ApiServer(app, new HttpClient { BaseAddress = new Uri(address) }, backend);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
