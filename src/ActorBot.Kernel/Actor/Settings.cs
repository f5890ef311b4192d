using Akka.Configuration;

namespace Akka.Actor;

/// <summary>The system's configuration (user HOCON over the kernel's reference defaults) and the values read from it.</summary>
public class Settings
{
    public Settings(ActorSystem system, Config config)
    {
        System = system;
        // The system passes a config that already falls back to the reference; a raw user config gets it here.
        Config = config.HasPath("akka.actor.default-dispatcher.throughput") ? config : config.WithFallback(KernelReferenceConfig.Config);
        AskTimeout = Config.GetTimeSpan("akka.actor.ask-timeout", null, allowInfinite: true);
        CreationTimeout = Config.GetTimeSpan("akka.actor.creation-timeout", TimeSpan.FromSeconds(20), allowInfinite: false);
        LogLevel = Config.GetString("akka.loglevel", "INFO");
        SchedulerClass = Config.GetString("akka.scheduler.implementation", KernelReferenceConfig.RealSchedulerClass);
    }

    public TimeSpan AskTimeout { get; }

    public Config Config { get; }

    public TimeSpan CreationTimeout { get; }

    public string LogLevel { get; }

    public string SchedulerClass { get; }

    public ActorSystem System { get; }

    public override string ToString() => Config.ToString();
}

/// <summary>The kernel's reference configuration: Akka.NET defaults for the keys the kernel reads.</summary>
internal static class KernelReferenceConfig
{
    public const string RealSchedulerClass = "Akka.Actor.HashedWheelTimerScheduler";

    public static readonly Config Config = ConfigurationFactory.ParseString("""
        akka {
          loglevel = INFO
          actor {
            ask-timeout = infinite
            creation-timeout = 20s
            default-dispatcher {
              throughput = 30
            }
            default-mailbox {
              mailbox-type = "Akka.Dispatch.UnboundedMailbox"
              stash-capacity = -1
            }
          }
          scheduler {
            implementation = "Akka.Actor.HashedWheelTimerScheduler"
          }
          test {
            timefactor = 1.0
            single-expect-default = 3s
            default-timeout = 5s
          }
        }
        """);
}
