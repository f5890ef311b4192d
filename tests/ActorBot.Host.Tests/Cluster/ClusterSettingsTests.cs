using ActorBot.Domain.Modes;
using ActorBot.Host.Service;
using ActorBot.Host.Service.Cluster;
using ActorBot.Persistence.Sql;
using Akka.Configuration;

namespace ActorBot.Host.Tests.Cluster;

/// <summary><c>actorbot.cluster</c> as the service reads it: defaults, environment overrides, bad values and refusals.</summary>
public sealed class ClusterSettingsTests
{
    private const string Seed = "akka.tcp://actorbot@127.0.0.1:4053";

    [Fact(DisplayName = "The embedded defaults: off, port 4053, role trading, keep-majority with the documented safety-first timings")]
    public void Defaults()
    {
        var settings = ClusterSettings.FromConfig(ServiceConfiguration.Load(null, _ => null).Config);

        settings.Enabled.Should().BeFalse("single-node run stays as it is unless configured");
        settings.SeedNodes.Should().BeEmpty();
        settings.Hostname.Should().Be("127.0.0.1");
        settings.Port.Should().Be(4053);
        settings.Roles.Should().Equal("trading");
        settings.MaxShards.Should().Be(50);
        settings.HeartbeatInterval.Should().Be(TimeSpan.FromSeconds(1));
        settings.AcceptableHeartbeatPause.Should().Be(TimeSpan.FromSeconds(3));
        settings.SplitBrainStrategy.Should().Be("keep-majority");
        settings.StableAfter.Should().Be(TimeSpan.FromSeconds(4));
        settings.DownAllWhenUnstable.Should().BeTrue();
        settings.DownRemovalMargin.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact(DisplayName = "ACTORBOT_CLUSTER_ENABLED, _SEED_NODES (comma-separated), _HOSTNAME and _PORT override the file")]
    public void Environment_overrides()
    {
        var env = new Dictionary<string, string>
        {
            ["ACTORBOT_CLUSTER_ENABLED"] = "on",
            ["ACTORBOT_CLUSTER_SEED_NODES"] = "akka.tcp://actorbot@10.0.0.1:4053, akka.tcp://actorbot@10.0.0.2:4054",
            ["ACTORBOT_CLUSTER_HOSTNAME"] = "10.0.0.2",
            ["ACTORBOT_CLUSTER_PORT"] = "4054",
        };

        var settings = ClusterSettings.FromConfig(ServiceConfiguration.Load(null, env.GetValueOrDefault).Config);

        settings.Enabled.Should().BeTrue();
        settings.SeedNodes.Should().Equal("akka.tcp://actorbot@10.0.0.1:4053", "akka.tcp://actorbot@10.0.0.2:4054");
        settings.Hostname.Should().Be("10.0.0.2");
        settings.Port.Should().Be(4054);
    }

    [Theory(DisplayName = "A bad value is a configuration error naming its key")]
    [InlineData("port = 70000", "actorbot.cluster.port")]
    [InlineData("port = many", "actorbot.cluster.port")]
    [InlineData("hostname = \"0.0.0.0\"", "actorbot.cluster.hostname")]
    [InlineData("seed-nodes = [\"akka.tcp://other@127.0.0.1:4053\"]", "actorbot.cluster.seed-nodes")]
    [InlineData("seed-nodes = [\"akka.tcp://actorbot@127.0.0.1\"]", "actorbot.cluster.seed-nodes")]
    [InlineData("seed-nodes = [\"http://127.0.0.1:4053\"]", "actorbot.cluster.seed-nodes")]
    [InlineData("seed-nodes = [\"akka.tcp://actorbot@127.0.0.1:4053/user\"]", "actorbot.cluster.seed-nodes")]
    [InlineData("roles = [web]", "actorbot.cluster.roles")]
    [InlineData("max-shards = 0", "actorbot.cluster.max-shards")]
    [InlineData("split-brain.strategy = down-all", "actorbot.cluster.split-brain.strategy")]
    [InlineData("split-brain.stable-after = 0s", "actorbot.cluster.split-brain.stable-after")]
    [InlineData("split-brain.down-all-when-unstable = sometimes", "actorbot.cluster.split-brain.down-all-when-unstable")]
    [InlineData("failure-detector.acceptable-heartbeat-pause = 500ms", "actorbot.cluster.failure-detector.acceptable-heartbeat-pause")]
    [InlineData("down-removal-margin = soon", "actorbot.cluster.down-removal-margin")]
    public void Bad_value_names_its_key(string line, string key)
    {
        var config = ServiceConfiguration.Load(null, _ => null).WithOverlay("actorbot.cluster." + line, "test").Config;

        var read = () => ClusterSettings.FromConfig(config);

        read.Should().Throw<ConfigurationException>().Which.Message.Should().StartWith(key);
    }

    [Fact(DisplayName = "Seed nodes must be akka.tcp://actorbot@host:port")]
    public void Seed_node_shape()
    {
        ClusterSettings.IsSeedNode(Seed).Should().BeTrue();
        ClusterSettings.IsSeedNode("akka.tcp://actorbot@node-2.internal:4055").Should().BeTrue();
        ClusterSettings.IsSeedNode("akka.tcp://actorbot@127.0.0.1:0").Should().BeFalse();
        ClusterSettings.IsSeedNode("akka://actorbot@127.0.0.1:4053").Should().BeFalse();
        ClusterSettings.IsSeedNode("actorbot@127.0.0.1:4053").Should().BeFalse();
    }

    [Fact(DisplayName = "When on, cluster mode refuses SQLite, paper mode and an empty seed-node list, each in one sentence")]
    public void Refusals()
    {
        var on = Settings() with { Enabled = true, SeedNodes = [Seed] };

        FluentActions.Invoking(() => on.CheckCanRun(TradeMode.Testnet, SqlProvider.Sqlite))
            .Should().Throw<ConfigurationException>().WithMessage("cluster mode needs actorbot.persistence.provider-name = postgresql*");
        FluentActions.Invoking(() => on.CheckCanRun(TradeMode.Paper, SqlProvider.PostgreSql))
            .Should().Throw<ConfigurationException>().WithMessage("cluster mode cannot run in paper mode*");
        FluentActions.Invoking(() => (on with { SeedNodes = [] }).CheckCanRun(TradeMode.Testnet, SqlProvider.PostgreSql))
            .Should().Throw<ConfigurationException>().WithMessage("cluster mode needs actorbot.cluster.seed-nodes*");
        FluentActions.Invoking(() => on.CheckCanRun(TradeMode.Shadow, SqlProvider.PostgreSql)).Should().NotThrow();
        FluentActions.Invoking(() => Settings().CheckCanRun(TradeMode.Paper, SqlProvider.Sqlite)).Should().NotThrow("off, nothing is refused");
    }

    [Fact(DisplayName = "The service refuses a cluster on the default SQLite journal before anything starts")]
    public void Service_refuses_sqlite()
    {
        var configuration = ServiceConfiguration.Load(null, _ => null)
            .WithOverlay($"actorbot.cluster {{ enabled = on, seed-nodes = [\"{Seed}\"] }}", "test");

        var build = () => ServiceHost.Build(configuration, TradeMode.Shadow, httpPortOverride: 0, environment: _ => null);

        build.Should().Throw<ConfigurationException>().WithMessage("*a SQLite file cannot be shared by the nodes*");
    }

    [Fact(DisplayName = "The Akka HOCON carries the failure detector, resolver timings, removal margin and stop-when-downed")]
    public void Akka_hocon()
    {
        var akka = ConfigurationFactory.ParseString(Settings().ToHocon());

        akka.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval").Should().Be(TimeSpan.FromSeconds(1));
        akka.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause").Should().Be(TimeSpan.FromSeconds(3));
        akka.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after").Should().Be(TimeSpan.FromSeconds(4));
        akka.GetBoolean("akka.cluster.split-brain-resolver.down-all-when-unstable").Should().BeTrue();
        akka.GetTimeSpan("akka.cluster.down-removal-margin").Should().Be(TimeSpan.FromSeconds(1));
        akka.GetBoolean("akka.cluster.run-coordinated-shutdown-when-down").Should().BeTrue();
    }

    private static ClusterSettings Settings() => ClusterSettings.FromConfig(ServiceConfiguration.Load(null, _ => null).Config);
}
