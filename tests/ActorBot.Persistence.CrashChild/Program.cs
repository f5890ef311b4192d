using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Serialization;
using Akka.Actor;

namespace ActorBot.Persistence.CrashChild;

/// <summary>
/// <c>CrashChild &lt;sqlite|postgresql&gt; &lt;connection string&gt; &lt;persistence id&gt;</c>: starts an actor system on
/// Akka.Persistence.Sql with our serializer (the parent created the schema) and a <see cref="CrashWriterActor"/> that
/// persists until the parent kills this process with SIGKILL. Prints <c>start N</c> after recovery and <c>ack N</c>
/// per acknowledged group.
/// </summary>
public static class Program
{
    private const int InFlight = 8;

    public static int Main(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: CrashChild <sqlite|postgresql> <connection string> <persistence id>");
            return 2;
        }

        var options = new SqlPersistenceOptions(SqlProviderNames.Parse(args[0]), args[1]);
        var serializer = new JsonPersistenceSerializer(PersistenceManifests.Empty.Add<CrashEvent>(CrashEvent.Manifest));
        using var system = ActorSystem.Create("crash-child", ActorBotPersistence.SystemSetup(options, serializer));
        var writer = system.ActorOf(Props.Create(() => new CrashWriterActor(args[2], Console.Out, InFlight)), "writer");
        var watcher = system.ActorOf(Props.Create(() => new ExitOnTermination(writer)), "watcher");
        system.WhenTerminated.Wait();
        GC.KeepAlive(watcher);

        // Only reached when the writer stopped on its own (persist or recovery failure): that is a failed run.
        return 1;
    }

    private sealed class ExitOnTermination : UntypedActor
    {
        public ExitOnTermination(IActorRef writer)
        {
            Context.Watch(writer);
        }

        protected override void OnReceive(object message)
        {
            if (message is Terminated)
            {
                Context.System.Terminate();
            }
        }
    }
}
