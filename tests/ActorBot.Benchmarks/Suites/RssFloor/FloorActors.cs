using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBot.Benchmarks.Suites.RssFloor;

/// <summary>
/// Layer 2: an actor system through Akka.Hosting in the web host's container (as the service wires it, Akka's log
/// events through Microsoft.Extensions.Logging), and <see cref="Pairs"/> pairs of actors bouncing
/// <see cref="BallsPerPair"/> messages each <see cref="Hops"/> times: 100,000 messages through mailboxes and dispatcher.
/// </summary>
internal static class FloorActors
{
    private const int Pairs = 2;
    private const int BallsPerPair = 10;
    private const int Hops = 5_000;

    public static void Add(IServiceCollection services, Action<AkkaConfigurationBuilder>? plugins) =>
        services.AddAkka("rss-floor", (akka, _) =>
        {
            akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.WarningLevel;
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
            plugins?.Invoke(akka);
        });

    public static void Exchange(IServiceProvider services)
    {
        var system = services.GetRequiredService<ActorSystem>();
        using var done = new CountdownEvent(Pairs * BallsPerPair);
        var actors = new List<IActorRef>();
        for (var p = 0; p < Pairs; p++)
        {
            var left = system.ActorOf(Props.Create(() => new Bouncer(done)), $"left-{p}");
            var right = system.ActorOf(Props.Create(() => new Bouncer(done)), $"right-{p}");
            actors.Add(left);
            actors.Add(right);
            for (var b = 0; b < BallsPerPair; b++)
            {
                left.Tell(new Ball(b, 1), right);
            }
        }

        if (!done.Wait(TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException($"the actors did not finish {Pairs * BallsPerPair * Hops:N0} messages in 2 minutes");
        }

        foreach (var actor in actors)
        {
            system.Stop(actor);
        }
    }

    private sealed record Ball(int Id, int Hop);

    private sealed class Bouncer : ReceiveActor
    {
        public Bouncer(CountdownEvent done) =>
            Receive<Ball>(ball =>
            {
                if (ball.Hop >= Hops)
                {
                    done.Signal();
                    return;
                }

                Sender.Tell(ball with { Hop = ball.Hop + 1 });
            });
    }
}
