using System.Security.Cryptography;
using System.Text;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Trading;
using Akka.Hosting;

namespace ActorBot.Host.Service;

/// <summary>
/// <c>POST /kill</c> engages and <c>DELETE /kill</c> releases the kill switch, with <c>Authorization: Bearer</c>
/// the token in <c>ACTORBOT_KILL_TOKEN</c>. Without that variable the endpoint is off (403): a kill over HTTP must
/// be as deliberate as the one on the command line. <c>POST /kill</c> answers once the venue's cancel-all has (its counts
/// and wall time under <c>cancelAll</c>; null when it was already engaged or nothing trades). <c>GET /kill</c> (no token)
/// shows the state and the last cancel-all.
/// </summary>
public static class KillEndpoints
{
    public const string TokenVariable = "ACTORBOT_KILL_TOKEN";

    public static void Map(WebApplication app, Func<string, string?> environment)
    {
        app.MapGet("/kill", (KillSwitch kill) => Results.Json(new { engaged = kill.Engaged, source = kill.Source, since = kill.Since, lastCancelAll = Describe(kill.LastCancelAll) }));
        app.MapPost("/kill", async (HttpRequest request, KillSwitch kill, IRequiredActor<BotActor> bot, CancellationToken ct) =>
        {
            if (Refuse(request, environment) is { } refused)
            {
                return refused;
            }

            var cancelAll = await kill.Engage(await bot.GetAsync(ct).ConfigureAwait(false), "POST /kill").ConfigureAwait(false);
            return Results.Json(new { engaged = true, source = kill.Source, since = kill.Since, cancelAll = Describe(cancelAll) });
        });
        app.MapDelete("/kill", async (HttpRequest request, KillSwitch kill, IRequiredActor<BotActor> bot, CancellationToken ct) =>
        {
            if (Refuse(request, environment) is { } refused)
            {
                return refused;
            }

            kill.Release(await bot.GetAsync(ct).ConfigureAwait(false), "DELETE /kill");
            return Results.Json(new { engaged = false });
        });
    }

    private static object? Describe(CancelAllDone? done) => done is null ? null : new
    {
        venue = done.Venue,
        ordersCanceled = done.OrdersCanceled,
        algoOrdersCanceled = done.AlgoOrdersCanceled,
        positionsFlattened = done.PositionsFlattened,
        tookMs = Math.Round(done.Took.TotalMilliseconds, 1),
    };

    private static IResult? Refuse(HttpRequest request, Func<string, string?> environment)
    {
        var token = environment(TokenVariable);
        if (string.IsNullOrEmpty(token))
        {
            return Results.Json(new { error = $"the kill switch over HTTP is off: set {TokenVariable} for the service and the caller" }, statusCode: 403);
        }

        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        var given = header.StartsWith(prefix, StringComparison.Ordinal) ? header[prefix.Length..] : string.Empty;
        // Constant-time compare: the token must not leak through response timing.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token))
            ? null
            : Results.Json(new { error = "missing or wrong bearer token" }, statusCode: 401);
    }
}
