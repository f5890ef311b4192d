using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ActorBot.Benchmarks.Suites.RssFloor;

/// <summary>
/// Layers 1–4 on one web host, as the service builds it: <c>WebApplication.CreateSlimBuilder</c> with the simple console
/// logger, the actor system through Akka.Hosting in the same container, and the Kestrel probe on loopback. Started,
/// worked, and left running while the child measures, as a service would be.
/// </summary>
internal static class FloorStack
{
    private const int WarmRequests = 200;

    public static IDisposable Start(FloorLayer layer) => StartAsync(layer).GetAwaiter().GetResult();

    private static async Task<IDisposable> StartAsync(FloorLayer layer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // The child's stdout carries its result line; the framework's information logs are noise there.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        var state = new List<IDisposable>();
        if (layer >= FloorLayer.Akka)
        {
            AddActors(builder, layer, state);
        }

        var app = builder.Build();
        app.MapGet("/floor", (HttpContext context) => Results.Json(new FloorReply("ok", context.Connection.LocalPort, DateTimeOffset.UtcNow)));
        await app.StartAsync().ConfigureAwait(false);
        state.Add(new StoppingApp(app));

        await WarmAsync(app.Urls.First()).ConfigureAwait(false);
        if (layer >= FloorLayer.Akka)
        {
            Exchange(app.Services);
        }

        if (layer >= FloorLayer.Persistence)
        {
            PersistAndRecover(app.Services);
        }

        if (layer >= FloorLayer.Onnx)
        {
            state.Add(Score());
        }

        return new Disposables(state);
    }

    /// <summary>Real requests over a real socket: Kestrel's connection, parsing, routing and JSON paths get JIT'd and pooled.</summary>
    private static async Task WarmAsync(string baseUrl)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        for (var i = 0; i < WarmRequests; i++)
        {
            using var response = await client.GetAsync("/floor").ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!body.Contains("\"ok\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"unexpected reply from /floor: {body}");
            }
        }
    }

    // Each layer's code behind its own non-inlined call, so a lower layer's process never loads its assemblies.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddActors(WebApplicationBuilder builder, FloorLayer layer, List<IDisposable> state) =>
        FloorActors.Add(builder.Services, layer >= FloorLayer.Persistence ? PersistencePlugin(state) : null);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Action<Akka.Hosting.AkkaConfigurationBuilder> PersistencePlugin(List<IDisposable> state) => FloorPersistence.Configure(state);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Exchange(IServiceProvider services) => FloorActors.Exchange(services);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PersistAndRecover(IServiceProvider services) => FloorPersistence.Exercise(services);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IDisposable Score() => FloorOnnx.LoadAndScore();

    private sealed record FloorReply(string Status, int Port, DateTimeOffset At);

    private sealed class StoppingApp(WebApplication app) : IDisposable
    {
        public void Dispose()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            app.StopAsync(timeout.Token).GetAwaiter().GetResult();
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private sealed class Disposables(List<IDisposable> items) : IDisposable
    {
        // Last in, first out: the model, then the host, then the database file the host wrote to.
        public void Dispose()
        {
            for (var i = items.Count - 1; i >= 0; i--)
            {
                items[i].Dispose();
            }
        }
    }
}
