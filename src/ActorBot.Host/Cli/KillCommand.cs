using System.CommandLine;
using System.Net.Http.Headers;
using ActorBot.Host.Service;

namespace ActorBot.Host.Cli;

/// <summary>
/// <c>actorbot kill --url URL [--release]</c>: engages (or releases) the kill switch of a running service through
/// its probe's <c>POST /kill</c> (<c>DELETE /kill</c>), authenticated with <c>ACTORBOT_KILL_TOKEN</c> from the
/// environment. Exit 0 done, 1 the service refused or did not answer, 2 bad input (no token, bad URL).
/// </summary>
public static class KillCommand
{
    public static Command Build()
    {
        var url = new Option<string>("--url") { Description = "The service's probe, e.g. http://127.0.0.1:9898.", DefaultValueFactory = _ => "http://127.0.0.1:9898" };
        var release = new Option<bool>("--release") { Description = "Release the kill switch instead of engaging it." };
        var command = new Command("kill", $"Engage the kill switch of a running service (no new entries). Needs {KillEndpoints.TokenVariable}.");
        command.Options.Add(url);
        command.Options.Add(release);
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(url)!, parse.GetValue(release), ct));
        return command;
    }

    private static async Task<int> RunAsync(string url, bool release, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync($"actorbot kill: --url \"{url}\" is not an http(s) URL.").ConfigureAwait(false);
            return 2;
        }

        var token = Environment.GetEnvironmentVariable(KillEndpoints.TokenVariable);
        if (string.IsNullOrEmpty(token))
        {
            await Console.Error.WriteLineAsync($"actorbot kill: set {KillEndpoints.TokenVariable} to the token the service was started with.").ConfigureAwait(false);
            return 2;
        }

        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(release ? HttpMethod.Delete : HttpMethod.Post, "/kill");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"actorbot kill: the service answered {(int)response.StatusCode}: {CliExit.OneLine(body)}").ConfigureAwait(false);
                return 1;
            }

            await Console.Out.WriteLineAsync(body).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"actorbot kill: no answer from {baseUri}: {CliExit.OneLine(ex.Message)}").ConfigureAwait(false);
            return 1;
        }
    }
}
