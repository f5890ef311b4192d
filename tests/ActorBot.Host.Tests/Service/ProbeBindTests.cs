using System.Net;
using System.Net.Http.Headers;
using ActorBot.Domain.Modes;
using ActorBot.Host.Service;
using Akka.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorBot.Host.Tests.Service;

/// <summary>A probe bound off loopback needs <c>ACTORBOT_PROBE_TOKEN</c>, and then the bearer header on every endpoint but /health.</summary>
public sealed class ProbeBindTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-bind-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact(DisplayName = "Binding the probe to 0.0.0.0 without ACTORBOT_PROBE_TOKEN is refused, naming the key and the variable")]
    public async Task NonLoopbackWithoutTokenRefused()
    {
        var configuration = await Configuration();
        var build = () => ServiceHost.Build(configuration, TradeMode.Shadow, httpPortOverride: 0, environment: _ => null);
        build.Should().Throw<ConfigurationException>()
            .Which.Message.Should().Contain("actorbot.http.bind-host").And.Contain("0.0.0.0").And.Contain(ProbeAuth.TokenVariable);
    }

    [Theory(DisplayName = "Loopback names and addresses are loopback; anything else is not")]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.1.2.3", true)]
    [InlineData("localhost", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("*", false)]
    [InlineData("::", false)]
    [InlineData("10.0.0.5", false)]
    [InlineData("probe.example.com", false)]
    public void Loopback(string host, bool loopback) => ProbeAuth.IsLoopback(host).Should().Be(loopback);

    [Fact(DisplayName = "With the token, /health is open and every other endpoint needs Authorization: Bearer <token>")]
    public async Task TokenRequired()
    {
        const string token = "probe-token-for-the-test";
        var env = new Dictionary<string, string?> { [ProbeAuth.TokenVariable] = token };
        var app = ServiceHost.Build(await Configuration(), TradeMode.Shadow, httpPortOverride: 0, environment: k => env.GetValueOrDefault(k));
        await using (app)
        {
            await app.StartAsync();
            try
            {
                var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
                bound.Host.Should().Be("0.0.0.0");
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{bound.Port}") };

                (await http.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
                foreach (var path in new[] { "/actors", "/actors/user/bot", "/ready", "/config", "/metrics", "/strategy", "/kill" })
                {
                    (await http.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, path);
                }

                using var wrong = new HttpRequestMessage(HttpMethod.Get, "/config");
                wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
                (await http.SendAsync(wrong)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                (await http.GetAsync("/actors")).StatusCode.Should().Be(HttpStatusCode.OK);
                (await http.GetAsync("/config")).StatusCode.Should().Be(HttpStatusCode.OK);
                (await http.GetAsync("/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "authorized: the real answer (SAFE_PAUSE, no data)");
            }
            finally
            {
                await app.StopAsync();
            }
        }
    }

    private async Task<ServiceConfiguration> Configuration()
    {
        var overrides = Path.Combine(_dir, "override.conf");
        await File.WriteAllTextAsync(overrides, $$"""
            actorbot.state-dir = "{{_dir}}"
            actorbot.http.bind-host = "0.0.0.0"
            """);
        return ServiceConfiguration.Load(overrides, _ => null);
    }
}
