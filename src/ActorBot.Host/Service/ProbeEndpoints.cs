using System.Text;
using ActorBot.Domain.Modes;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Strategy;
using ActorBot.Engine.Venues;
using ActorBot.Engine.Venues.Account;
using ActorBot.Host.Service.Metrics;
using Akka.Actor;
using Akka.Hosting;
using Prometheus;

namespace ActorBot.Host.Service;

/// <summary>
/// The HTTP probe. State is read by asking actors (with a timeout), never by reading actor fields;
/// an actor that does not answer in time makes the probe report unhealthy rather than hang.
/// </summary>
public static class ProbeEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/health", async (IRequiredActor<BotActor> bot, CancellationToken ct) =>
        {
            var status = await TryStatus(bot, ct).ConfigureAwait(false);
            return status is null
                ? Results.Json(new { status = "unhealthy", reason = "the bot actor did not answer within 2 s" }, statusCode: 503)
                : Results.Json(new { status = "healthy", mode = status.Mode.ToConfigString() });
        });

        app.MapGet("/ready", async (IRequiredActor<BotActor> bot, CancellationToken ct) =>
        {
            var status = await TryStatus(bot, ct).ConfigureAwait(false);
            if (status is null)
            {
                return Results.Json(new { ready = false, reasons = new[] { "the bot actor did not answer within 2 s" } }, statusCode: 503);
            }

            // SAFE_PAUSE is "not ready for new entries": 503 with every reason, so an operator sees why.
            return status.Paused
                ? Results.Json(new { ready = false, state = "SAFE_PAUSE", reasons = status.PauseReasons, clearing = status.ClearingReasons }, statusCode: 503)
                : Results.Json(new { ready = true, state = "RUNNING", reasons = Array.Empty<string>(), clearing = status.ClearingReasons });
        });

        // What the strategy decided and traded so far (bounded recent lists); asked of /user/strategy.
        app.MapGet("/strategy", async (IRequiredActor<StrategyRecorder> recorder, CancellationToken ct) =>
        {
            var status = await ProbeAsk.TryAsync<StrategyStatus>(recorder.ActorRef, GetStrategyStatus.Instance, ct).ConfigureAwait(false);
            return status is null
                ? Results.Json(new { error = "the strategy recorder did not answer within 2 s" }, statusCode: 503)
                : Results.Json(status);
        });

        // The venue's account as /venues/{venue}/account last read it, and its reconcile counters (docs/venues.md).
        app.MapGet("/venues/{venue}/account", async (string venue, IServiceProvider services, ActorRegistry registry, CancellationToken ct) =>
        {
            if (services.GetService<TradingRuntime>() is not { } trading || trading.Venues.All(v => v.Venue.Venue != venue) || !registry.TryGet<VenuesActor>(out var venues))
            {
                return Results.Json(new { error = $"no account for venue {venue}: it does not trade in this mode (testnet/live with keys)" }, statusCode: 404);
            }

            var status = await ProbeAsk.TryAsync<AccountStatus>(venues, new AskVenue(venue, GetAccountStatus.Instance), ct).ConfigureAwait(false);
            return status is null
                ? Results.Json(new { error = $"/user/venues/{venue}/account did not answer within 2 s" }, statusCode: 503)
                : Results.Json(status);
        });

        app.MapGet("/config", (ServiceConfiguration configuration) =>
            Results.Text(configuration.ToRedactedJson(), "application/json", Encoding.UTF8));

        // Prometheus text from the service's own registry (MeterExporter): instruments recorded where events happen,
        // and the state families asked of the actors right before each scrape (ProbeMetrics).
        app.MapMetrics("/metrics", app.Services.GetRequiredService<MeterExporter>().Registry);
    }

    private static Task<BotStatus?> TryStatus(IRequiredActor<BotActor> bot, CancellationToken ct) =>
        ProbeAsk.TryAsync<BotStatus>(bot.ActorRef, GetBotStatus.Instance, ct);
}
