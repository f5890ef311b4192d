using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;

namespace ActorBot.Host.Service;

/// <summary>
/// <c>GET /actors</c> (the live actor tree) and <c>GET /actors/{path}</c> (one actor): what each actor answers to the
/// probe message, with its restarts and last failure (docs/api.md). Asked, never read from actor fields.
/// </summary>
public static class ActorEndpoints
{
    // Summaries are the actors' own status records: enums by name, and a NaN ratio must not fail the whole answer.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Map(WebApplication app)
    {
        app.MapGet("/actors", async (ActorSystem system, CancellationToken ct) =>
        {
            var nodes = await ActorTreeProbe.WalkAsync(system, ct).ConfigureAwait(false);
            return Results.Json(new { actors = nodes, unanswered = nodes.Count(n => n.Error == ActorTreeProbe.NoAnswer) }, Json);
        });

        app.MapGet("/actors/{*path}", async (string path, ActorSystem system, CancellationToken ct) =>
        {
            var actorPath = "/" + path.Trim('/');
            // A wildcard would select many actors (and Identify answers with any one of them): one path, one actor.
            if (actorPath.AsSpan().IndexOfAny('*', '?') >= 0 || !ActorTreeProbe.IsProbePath(actorPath))
            {
                return Results.Json(new { error = $"no actor at {actorPath}: give a path under /user (or a cluster node's /system/sharding/symbols) without wildcards, as /actors lists them" }, Json, statusCode: 404);
            }

            var node = await ActorTreeProbe.ProbeOneAsync(system, actorPath, ct).ConfigureAwait(false);
            return node switch
            {
                null => Results.Json(new { error = $"no actor at {actorPath}" }, Json, statusCode: 404),
                { Answered: false } => Results.Json(node, Json, statusCode: 503),
                _ => Results.Json(node, Json),
            };
        });
    }
}
