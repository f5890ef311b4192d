using System.Net;
using System.Net.Http.Headers;
using ActorBot.Domain.Modes;
using ActorBot.Host.Service;
using ActorBot.Host.Tests.Cli;
using ActorBot.Host.Tests.Testnet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBot.Host.Tests.Service;

/// <summary>The kill switch of the running service: authenticated HTTP, the kill file, and `actorbot kill`.</summary>
public sealed class KillSwitchTests : IAsyncLifetime
{
    private const string Token = "test-kill-token-7f3a";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-kill-").FullName;
    private WebApplication? _app;
    private HttpClient? _http;
    private string _address = string.Empty;

    private string KillFile => Path.Combine(_dir, "KILL_SWITCH");

    public async Task InitializeAsync()
    {
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.kill-switch.poll-interval = 50ms
            """);
        var env = new Dictionary<string, string?> { [KillEndpoints.TokenVariable] = Token };
        _app = ServiceHost.Build(ServiceConfiguration.Load(overrides, _ => null), TradeMode.Shadow, httpPortOverride: 0, name => env.GetValueOrDefault(name));
        await _app.StartAsync();
        _address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(_address) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<string> ReadyBody() => await (await _http!.GetAsync("/ready")).Content.ReadAsStringAsync();

    private async Task<HttpStatusCode> Send(HttpMethod method, string? token)
    {
        using var request = new HttpRequestMessage(method, "/kill");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http!.SendAsync(request);
        return response.StatusCode;
    }

    [Fact(DisplayName = "POST /kill needs the bearer token; with it every symbol pauses with 'kill switch', and DELETE releases it")]
    public async Task Http_kill_is_authenticated()
    {
        (await Send(HttpMethod.Post, null)).Should().Be(HttpStatusCode.Unauthorized);
        (await Send(HttpMethod.Post, "wrong")).Should().Be(HttpStatusCode.Unauthorized);
        (await ReadyBody()).Should().NotContain("kill switch");

        (await Send(HttpMethod.Post, Token)).Should().Be(HttpStatusCode.OK);
        await Poll.Until(ReadyBody, b => b.Contains("kill switch", StringComparison.Ordinal), "/ready names the kill switch", Deadline);
        (await _http!.GetStringAsync("/kill")).Should().Contain("\"engaged\":true").And.Contain("POST /kill");

        (await Send(HttpMethod.Delete, Token)).Should().Be(HttpStatusCode.OK);
        await Poll.Until(ReadyBody, b => !b.Contains("kill switch", StringComparison.Ordinal), "kill switch released", Deadline);
    }

    [Fact(DisplayName = "Creating the kill file engages the kill switch; deleting it releases it")]
    public async Task Kill_file_engages_and_releases()
    {
        await File.WriteAllTextAsync(KillFile, "stop");
        await Poll.Until(ReadyBody, b => b.Contains("kill switch", StringComparison.Ordinal), "kill file seen", Deadline);
        File.Delete(KillFile);
        await Poll.Until(ReadyBody, b => !b.Contains("kill switch", StringComparison.Ordinal), "kill file removed", Deadline);
    }

    [Fact(DisplayName = "`actorbot kill --url` engages the running service's kill switch with the token from the environment; without it: exit 2")]
    public async Task Cli_kill_calls_the_service()
    {
        using (var refused = ActorbotProcess.StartDll(["kill", "--url", _address], ReadmeCommands.RepoRoot, new Dictionary<string, string?> { [KillEndpoints.TokenVariable] = null }))
        {
            (await refused.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(2);
        }

        using var process = ActorbotProcess.StartDll(["kill", "--url", _address], ReadmeCommands.RepoRoot, new Dictionary<string, string?> { [KillEndpoints.TokenVariable] = Token });
        (await process.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(0, process.Stderr);
        await Poll.Until(ReadyBody, b => b.Contains("kill switch", StringComparison.Ordinal), "/ready names the kill switch", Deadline);
    }
}
