using ActorBot.Hocon.AkkaInterop;
using Akka.Configuration;

namespace ActorBot.Hocon.Tests.AkkaStyle;

/// <summary>
/// A realistic Akka.NET configuration (actor, dispatcher, persistence and cluster sections laid out
/// as in Akka.NET's documentation) read through the Akka-compatible <see cref="Config"/> API.
/// </summary>
public sealed class AkkaStyleConfigTests
{
    private const string AkkaHocon = """
        akka {
          loglevel = INFO
          loggers = ["Akka.Event.DefaultLogger"]
          actor {
            provider = cluster
            ask-timeout = 5s
            creation-timeout = 20 s
            default-dispatcher {
              type = Dispatcher
              throughput = 30
              throughput-deadline-time = 0ms
            }
            default-mailbox {
              mailbox-type = "Akka.Dispatch.UnboundedMailbox"
              mailbox-capacity = 1000
              mailbox-push-timeout-time = 10s
            }
            deployment {
              /worker-pool {
                router = round-robin-pool
                nr-of-instances = 5
              }
            }
          }
          scheduler {
            implementation = "Akka.Actor.HashedWheelTimerScheduler"
            tick-duration = 10ms
            ticks-per-wheel = 512
          }
          remote.dot-netty.tcp {
            hostname = "127.0.0.1"
            port = 8081
            maximum-frame-size = 128000b
            send-buffer-size = 256000b
            receive-buffer-size = 256000b
          }
          cluster {
            seed-nodes = ["akka.tcp://bot@127.0.0.1:8081", "akka.tcp://bot@127.0.0.1:8082"]
            roles = [trader, recorder]
            downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
            split-brain-resolver {
              active-strategy = keep-majority
              stable-after = 20s
            }
            failure-detector.heartbeat-interval = 1 s
            failure-detector.acceptable-heartbeat-pause = 3 minutes
          }
          persistence {
            journal {
              plugin = "akka.persistence.journal.sql"
              sql {
                class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                connection-string = "Data Source=state/actorbot.db"
                provider-name = SQLite.MS
                auto-initialize = on
                max-batch-size = 100
                buffer-size = 5000
                circuit-breaker { max-failures = 5, call-timeout = 20s, reset-timeout = 60s }
              }
            }
            snapshot-store {
              plugin = "akka.persistence.snapshot-store.sql"
              sql.max-frame-size = 4 MiB
              sql.auto-initialize = on
            }
          }
          io.tcp.max-channels = 256000
          coordinated-shutdown.phases.before-service-unbind.timeout = infinite
        }
        """;

    private static Config Load() => AkkaConfig.ParseString(AkkaHocon);

    [Fact(DisplayName = "Durations read with GetTimeSpan honour every HOCON unit spelling")]
    public void Durations_read_with_GetTimeSpan_honour_units()
    {
        var config = Load();
        config.GetTimeSpan("akka.actor.ask-timeout").Should().Be(TimeSpan.FromSeconds(5));
        config.GetTimeSpan("akka.actor.creation-timeout").Should().Be(TimeSpan.FromSeconds(20));
        config.GetTimeSpan("akka.scheduler.tick-duration").Should().Be(TimeSpan.FromMilliseconds(10));
        config.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval").Should().Be(TimeSpan.FromSeconds(1));
        config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause").Should().Be(TimeSpan.FromMinutes(3));
        config.GetTimeSpan("akka.persistence.journal.sql.circuit-breaker.reset-timeout").Should().Be(TimeSpan.FromSeconds(60));
        config.GetTimeSpan("akka.actor.default-dispatcher.throughput-deadline-time").Should().Be(TimeSpan.Zero);
    }

    [Fact(DisplayName = "A bare number is milliseconds and infinite is allowed only when asked")]
    public void Bare_number_is_milliseconds_and_infinite_only_when_allowed()
    {
        var config = AkkaConfig.ParseString("a = 250\nb = infinite\nc = 1.5 h");
        config.GetTimeSpan("a").Should().Be(TimeSpan.FromMilliseconds(250));
        config.GetTimeSpan("b").Should().Be(Timeout.InfiniteTimeSpan);
        config.GetTimeSpan("c").Should().Be(TimeSpan.FromMinutes(90));
        config.GetTimeSpan("missing", TimeSpan.FromSeconds(3)).Should().Be(TimeSpan.FromSeconds(3));
        config.GetTimeSpan("missing").Should().Be(TimeSpan.Zero);
    }

    [Fact(DisplayName = "Sizes written as Akka writes them reach GetByteSize")]
    public void Sizes_read_with_GetByteSize_use_si_and_binary_units()
    {
        var config = Load();
        config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size").Should().Be(128000);
        config.GetByteSize("akka.persistence.snapshot-store.sql.max-frame-size").Should().Be(4L * 1024 * 1024);
        config.GetByteSize("missing").Should().BeNull();
        config.GetByteSize("missing", 42).Should().Be(42);
    }

    [Fact(DisplayName = "Scalar getters read numbers, booleans and strings from the Akka sections")]
    public void Scalar_getters_read_akka_sections()
    {
        var config = Load();
        config.GetString("akka.actor.provider").Should().Be("cluster");
        config.GetInt("akka.actor.default-dispatcher.throughput").Should().Be(30);
        config.GetLong("akka.io.tcp.max-channels").Should().Be(256000);
        config.GetDouble("akka.scheduler.ticks-per-wheel").Should().Be(512d);
        config.GetBoolean("akka.persistence.journal.sql.auto-initialize").Should().BeTrue();
        config.GetBoolean("akka.persistence.snapshot-store.sql.auto-initialize").Should().BeTrue();
        config.GetString("akka.persistence.journal.plugin").Should().Be("akka.persistence.journal.sql");
        config.GetString("akka.actor.deployment.\"/worker-pool\".router").Should().Be("round-robin-pool");
        config.GetInt("akka.actor.deployment.\"/worker-pool\".nr-of-instances").Should().Be(5);
        config.GetTimeSpan("akka.coordinated-shutdown.phases.before-service-unbind.timeout").Should().Be(Timeout.InfiniteTimeSpan);
    }

    [Fact(DisplayName = "List getters read seed nodes and roles, missing lists are empty")]
    public void List_getters_read_lists()
    {
        var config = Load();
        config.GetStringList("akka.cluster.seed-nodes").Should().Equal("akka.tcp://bot@127.0.0.1:8081", "akka.tcp://bot@127.0.0.1:8082");
        config.GetStringList("akka.cluster.roles").Should().Equal("trader", "recorder");
        config.GetStringList("akka.cluster.missing").Should().BeEmpty();
        config.GetStringList("akka.cluster.missing", new[] { "x" }).Should().Equal("x");
        AkkaConfig.ParseString("a = [1, 2, 3]").GetIntList("a").Should().Equal(1, 2, 3);
    }

    [Fact(DisplayName = "GetConfig returns a sub-tree and HasPath reports presence")]
    public void GetConfig_returns_sub_tree()
    {
        var config = Load();
        var dispatcher = config.GetConfig("akka.actor.default-dispatcher");
        dispatcher.GetInt("throughput").Should().Be(30);
        dispatcher.GetString("type").Should().Be("Dispatcher");
        config.HasPath("akka.cluster.split-brain-resolver.active-strategy").Should().BeTrue();
        config.HasPath("akka.cluster.nope").Should().BeFalse();
        config.GetConfig("akka.nothing.here").IsNullOrEmpty().Should().BeTrue();
        config.IsEmpty.Should().BeFalse();
        Config.Empty.IsEmpty.Should().BeTrue();
    }

    [Fact(DisplayName = "WithFallback merges objects and lets the primary config win")]
    public void WithFallback_merges_and_primary_wins()
    {
        var defaults = AkkaConfig.ParseString("akka.actor { ask-timeout = 10s, default-dispatcher.throughput = 5 }\nakka.loglevel = DEBUG");
        var config = AkkaConfig.ParseString("akka.actor.default-dispatcher.throughput = 100").WithFallback(defaults);
        config.GetInt("akka.actor.default-dispatcher.throughput").Should().Be(100);
        config.GetTimeSpan("akka.actor.ask-timeout").Should().Be(TimeSpan.FromSeconds(10));
        config.GetString("akka.loglevel").Should().Be("DEBUG");
        config.Fallback.Should().BeSameAs(defaults);
        config.GetConfig("akka.actor").GetTimeSpan("ask-timeout").Should().Be(TimeSpan.FromSeconds(10));

        var chained = AkkaConfig.ParseString("x = 1").WithFallback(AkkaConfig.ParseString("y = 2")).WithFallback(AkkaConfig.ParseString("y = 3, z = 4"));
        chained.GetInt("y").Should().Be(2);
        chained.GetInt("z").Should().Be(4);

        var self = AkkaConfig.ParseString("a = 1");
        var act = () => self.WithFallback(self);
        act.Should().Throw<ArgumentException>();
    }

    [Fact(DisplayName = "Operators and implicit conversion build configs from HOCON strings")]
    public void Operators_build_configs_from_strings()
    {
        Config config = "a = 1";
        config.GetInt("a").Should().Be(1);
        (config + "b = 2").GetInt("b").Should().Be(2);
        ("a = 5" + config).GetInt("a").Should().Be(5);
        new Config(AkkaConfig.ParseString("a = 9"), config).GetInt("a").Should().Be(9);
    }

    [Fact(DisplayName = "Missing paths return the caller's defaults")]
    public void Missing_paths_return_defaults()
    {
        var config = Load();
        config.GetString("nope", "fallback").Should().Be("fallback");
        config.GetString("nope").Should().BeNull();
        config.GetInt("nope", 7).Should().Be(7);
        config.GetLong("nope", 8).Should().Be(8);
        config.GetBoolean("nope", true).Should().BeTrue();
        config.GetDouble("nope", 1.5).Should().Be(1.5);
    }

    [Fact(DisplayName = "Invalid HOCON given to ParseString throws ConfigurationException with line and column")]
    public void Invalid_hocon_throws_configuration_exception_with_position()
    {
        var act = () => AkkaConfig.ParseString("a {\n  b = [1, 2\n}");
        act.Should().Throw<ConfigurationException>()
            .WithMessage("*string:3:1*")
            .WithInnerException<HoconException>();
    }
}
