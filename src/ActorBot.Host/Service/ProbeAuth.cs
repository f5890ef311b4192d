using System.Net;
using System.Security.Cryptography;
using System.Text;
using Akka.Configuration;

namespace ActorBot.Host.Service;

/// <summary>
/// The probe off loopback: <c>actorbot.http.bind-host</c> other than a loopback address needs a bearer token in
/// <c>ACTORBOT_PROBE_TOKEN</c>, or the service refuses to start (the probe shows positions, orders and config to
/// anyone who can reach it). With the token set, every endpoint but <c>/health</c> (a liveness check needs no secret)
/// requires <c>Authorization: Bearer</c> it. <c>POST</c>/<c>DELETE /kill</c> are left to their own token
/// (<c>ACTORBOT_KILL_TOKEN</c>, <see cref="KillEndpoints"/>): one header carries one bearer token.
/// </summary>
public static class ProbeAuth
{
    public const string TokenVariable = "ACTORBOT_PROBE_TOKEN";

    /// <summary>The probe token, or null when none is set; throws (exit 2 from <c>run</c>) off loopback without one.</summary>
    public static string? TokenFor(string bindHost, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var token = environment(TokenVariable);
        token = string.IsNullOrEmpty(token) ? null : token;
        if (token is null && !IsLoopback(bindHost))
        {
            throw new ConfigurationException(
                $"actorbot.http.bind-host = \"{bindHost}\" is not a loopback address: set {TokenVariable} to a bearer token for the probe, or bind to 127.0.0.1");
        }

        return token;
    }

    /// <summary>localhost, 127.0.0.0/8 and ::1 are loopback; any other name or address (0.0.0.0, *, a host name) is not.</summary>
    public static bool IsLoopback(string bindHost)
    {
        ArgumentNullException.ThrowIfNull(bindHost);
        var host = bindHost.Trim().TrimStart('[').TrimEnd(']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Requires the bearer token on every request but <c>/health</c> and the kill switch's own writes.</summary>
    public static void Require(WebApplication app, string token)
    {
        ArgumentNullException.ThrowIfNull(app);
        var expected = Encoding.UTF8.GetBytes(token);
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var exempt = request.Path.Equals("/health", StringComparison.Ordinal)
                || (request.Path.Equals("/kill", StringComparison.Ordinal) && (HttpMethods.IsPost(request.Method) || HttpMethods.IsDelete(request.Method)));
            if (exempt || Authorized(request, expected))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsJsonAsync(new { error = $"missing or wrong bearer token ({TokenVariable})" }).ConfigureAwait(false);
        });
    }

    private static bool Authorized(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        var given = header.StartsWith(prefix, StringComparison.Ordinal) ? header[prefix.Length..] : string.Empty;
        // Constant-time compare: the token must not leak through response timing.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected);
    }
}
