using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using ActorBot.Host.Service;
using ActorBot.Host.Service.Cluster;

namespace ActorBot.Host.Cli;

/// <summary>
/// <c>actorbot cluster status --node URL [--token T]</c>: reads a node's <c>/cluster</c> (docs/api.md) and prints
/// members, leader, unreachable members, symbol owners and singletons as a table. Exit 0 done, 1 the node did not
/// answer or answered other than 200 (cluster mode off: 404), 2 bad input (the URL).
/// </summary>
public static class ClusterCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Build()
    {
        var node = new Option<string>("--node") { Description = "A node's probe, e.g. http://127.0.0.1:9898.", DefaultValueFactory = _ => "http://127.0.0.1:9898" };
        var token = new Option<string?>("--token") { Description = $"Bearer token of the node's probe (default: {ProbeAuth.TokenVariable} from the environment)." };
        var status = new Command("status", "Print a node's view of the cluster: members, leader, unreachable, which node owns each symbol, where each singleton runs.");
        status.Options.Add(node);
        status.Options.Add(token);
        status.SetAction((parse, ct) => StatusAsync(parse.GetValue(node)!, parse.GetValue(token) ?? Environment.GetEnvironmentVariable(ProbeAuth.TokenVariable), Console.Out, Console.Error, ct));
        var command = new Command("cluster", "Inspect a clustered deployment (docs/cluster.md).");
        command.Subcommands.Add(status);
        return command;
    }

    /// <summary>Fetches and prints; the writers are parameters so a test reads what an operator sees.</summary>
    public static async Task<int> StatusAsync(string node, string? token, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!Uri.TryCreate(node, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            await stderr.WriteLineAsync($"actorbot cluster status: --node \"{node}\" is not an http(s) URL.").ConfigureAwait(false);
            return CliExit.BadInput;
        }

        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cluster");
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                await stderr.WriteLineAsync($"actorbot cluster status: {baseUri} answered {(int)response.StatusCode}: {CliExit.OneLine(body)}").ConfigureAwait(false);
                return CliExit.Failure;
            }

            var status = JsonSerializer.Deserialize<ClusterStatus>(body, Json)
                ?? throw new JsonException("empty body");
            await stdout.WriteAsync(ClusterStatusTable.Render(status)).ConfigureAwait(false);
            return CliExit.Ok;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await stderr.WriteLineAsync($"actorbot cluster status: no answer from {baseUri}: {CliExit.OneLine(ex.Message)}").ConfigureAwait(false);
            return CliExit.Failure;
        }
        catch (JsonException ex)
        {
            await stderr.WriteLineAsync($"actorbot cluster status: {baseUri}/cluster did not answer a cluster status: {CliExit.OneLine(ex.Message)}").ConfigureAwait(false);
            return CliExit.Failure;
        }
    }
}
