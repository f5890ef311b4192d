using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using Akka.Actor;
using Akka.Hosting;

namespace ActorBot.Host.Service;

/// <summary>
/// Builds the running service: Generic Host + Kestrel probe + the actor system (Akka.Hosting) with
/// <c>/user/bot</c>. Everything is configured from <see cref="ServiceConfiguration"/>.
/// </summary>
public static class ServiceHost
{
    public static WebApplication Build(ServiceConfiguration configuration, TradeMode mode, int? httpPortOverride)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var config = configuration.Config;
        var botSettings = BotSettings.FromConfig(config, mode);
        var bindHost = config.GetString("actorbot.http.bind-host", "127.0.0.1");
        var port = httpPortOverride ?? config.GetInt("actorbot.http.port", 8080);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        // Request-level framework logs drown the service's own; keep them to warnings.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseUrls($"http://{bindHost}:{port}");
        builder.Services.AddSingleton(configuration);
        builder.Services.AddSingleton(botSettings);
        builder.Services.AddAkka("actorbot", (akka, _) =>
        {
            akka.AddHocon(config, HoconAddMode.Append);
            akka.WithActors((system, registry) =>
            {
                var bot = system.ActorOf(Props.Create(() => new BotActor(botSettings)), "bot");
                registry.Register<BotActor>(bot);
            });
        });

        var app = builder.Build();
        ProbeEndpoints.Map(app);
        return app;
    }
}
