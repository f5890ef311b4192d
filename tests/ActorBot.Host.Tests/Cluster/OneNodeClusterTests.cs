using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ActorBot.Domain.Modes;
using ActorBot.Host.Cli;
using ActorBot.Host.Service;
using ActorBot.Host.Service.Cluster;
using ActorBot.Host.Tests.Testnet;
using ActorBot.Persistence.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorBot.Host.Tests.Cluster;

/// <summary>
/// The real service as a one-node cluster: Akka.Remote on a loopback port, the node its own seed, the journal,
/// snapshots and sharding state in a throwaway PostgreSQL. Shadow mode (no venue keys): symbols sharded, no singletons.
/// </summary>
public sealed class OneNodeClusterTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _dir = Directory.CreateTempSubdirectory("actorbot-cluster1-").FullName;
    private ThrowawayPostgres? _postgres;
    private WebApplication? _app;
    private string _url = "";
    private string _self = "";
    private string _connection = "";

    public async Task InitializeAsync()
    {
        if (PostgresBinaries.Directory is null)
        {
            return;
        }

        _postgres = ThrowawayPostgres.Start();
        var remotingPort = FreePort();
        _self = $"akka.tcp://actorbot@127.0.0.1:{remotingPort}";
        _connection = _postgres.CreateIsolatedConnectionString();
        var connection = _connection.Replace("\"", "\\\"", StringComparison.Ordinal);
        var configuration = ServiceConfiguration.Load(null, _ => null).WithOverlay($$"""
            actorbot {
              state-dir = "{{_dir.Replace("\\", "\\\\", StringComparison.Ordinal)}}"
              symbols = [BTCUSDT, ETHUSDT]
              persistence { provider-name = postgresql, connection-string = "{{connection}}" }
              cluster { enabled = on, seed-nodes = ["{{_self}}"], hostname = "127.0.0.1", port = {{remotingPort}} }
            }
            """, "the test's one-node cluster");
        _app = ServiceHost.Build(configuration, TradeMode.Shadow, httpPortOverride: 0, environment: _ => null);
        await _app.StartAsync();
        _url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _postgres?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [PostgresFact(DisplayName = "A one-node cluster: /cluster shows the node Up and leader, owning every configured symbol; cluster status prints it")]
    public async Task Node_is_up_leader_and_owns_its_symbols()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_url) };
        var status = await Poll.Until(
            async () =>
            {
                var response = await http.GetAsync("/cluster");
                response.StatusCode.Should().Be(HttpStatusCode.OK);
                return JsonSerializer.Deserialize<ClusterStatus>(await response.Content.ReadAsStringAsync(), Json)!;
            },
            s => s is { Leader: not null, Members: [{ Status: "up" }] } && s.Owners.Values.All(o => o is not null),
            "the node Up, leader, owning both symbols",
            TimeSpan.FromSeconds(20),
            s => JsonSerializer.Serialize(s, Json));

        status.Self.Should().Be(_self);
        status.Leader.Should().Be(_self);
        status.Members.Should().ContainSingle().Which.Should().BeEquivalentTo(new ClusterMemberView(_self, "up", ["trading"], 1));
        status.Unreachable.Should().BeEmpty();
        status.Owners.Should().Equal(new Dictionary<string, string?> { ["binance-usdm/BTCUSDT"] = _self, ["binance-usdm/ETHUSDT"] = _self });
        status.Singletons.Should().BeEmpty("shadow sends no orders: no risk or venue singleton");
        status.OwnersError.Should().BeNull();

        // Sharding's own state (coordinator, remembered entities) is in the shared PostgreSQL journal, not in memory.
        await using (var db = new Npgsql.NpgsqlConnection(_connection))
        {
            await db.OpenAsync();
            await using var query = new Npgsql.NpgsqlCommand("SELECT DISTINCT persistence_id FROM journal", db);
            var ids = new List<string>();
            await using (var rows = await query.ExecuteReaderAsync())
            {
                while (await rows.ReadAsync())
                {
                    ids.Add(rows.GetString(0));
                }
            }

            ids.Should().Contain(id => id.Contains("symbolsCoordinator", StringComparison.Ordinal), "the coordinator's shard allocations are persisted");
            ids.Should().Contain(id => id.Contains("/sharding/symbols", StringComparison.Ordinal) && !id.Contains("Coordinator", StringComparison.Ordinal), "remembered entities are event-sourced");
        }

        using var stdout = new StringWriter();
        (await ClusterCommand.StatusAsync(_url, null, stdout, TextWriter.Null, CancellationToken.None)).Should().Be(0);
        stdout.ToString().Should().Contain($"leader: {_self}").And.Contain($"{_self} (self)").And.Contain("binance-usdm/ETHUSDT");
    }

    [PostgresFact(DisplayName = "A cluster node's /actors lists the symbol entities it runs (the symbol subtree under each), each answering; /actors/{path} reaches one; /ready answers for its symbols")]
    public async Task Actors_show_the_local_entities()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_url) };
        var paths = await Poll.Until(
            async () =>
            {
                using var doc = JsonDocument.Parse(await http.GetStringAsync("/actors"));
                return doc.RootElement.GetProperty("actors").EnumerateArray()
                    .Where(a => a.GetProperty("answered").GetBoolean())
                    .Select(a => a.GetProperty("path").GetString()!).ToList();
            },
            p => p.Any(x => x.EndsWith("%2FBTCUSDT/bot/BTCUSDT", StringComparison.Ordinal)) && p.Any(x => x.EndsWith("%2FETHUSDT/bot/ETHUSDT/trader", StringComparison.Ordinal)),
            "both entities and their subtrees answered",
            TimeSpan.FromSeconds(20),
            p => string.Join(", ", p));

        paths.Should().Contain(["/user/node", "/user/cluster-guard"]);
        var entity = paths.Single(p => p.StartsWith("/system/sharding/symbols/", StringComparison.Ordinal) && p.EndsWith("binance-usdm%2FBTCUSDT", StringComparison.Ordinal));
        using (var one = JsonDocument.Parse(await http.GetStringAsync("/actors" + entity + "/bot")))
        {
            one.RootElement.GetProperty("type").GetString().Should().Be("BotActor");
            one.RootElement.GetProperty("summary").GetProperty("symbols").EnumerateArray().Select(e => e.GetString()).Should().Equal("BTCUSDT");
        }

        (await http.GetAsync("/actors/system/deadLetters")).StatusCode.Should().Be(HttpStatusCode.NotFound, "only the user tree and the entities are probed");

        // The node's facade answers /ready for what runs here: both symbols are waiting for their first data.
        using var ready = JsonDocument.Parse(await (await http.GetAsync("/ready")).Content.ReadAsStringAsync());
        var node = await http.GetStringAsync("/actors/user/node");
        ready.RootElement.GetProperty("reasons").EnumerateArray().Select(e => e.GetString()).Should().Contain("stale market data for BTCUSDT", node);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
