using Akka;
using Akka.Actor;

namespace ActorBot.Engine.Liquidations;

/// <summary>
/// A clean stop saves a persistent actor's latest state: a CoordinatedShutdown task, in the phase before the actor
/// system terminates (the journal and the actors still run), asks the actor for <see cref="FlushState"/> and waits for
/// its <see cref="Done"/>. A snapshot cannot be written from PostStop: its Persist would never complete. Akka has no way
/// to remove a task, so the actor registers once (in PreStart, not again after a restart) and a stopped actor is skipped.
/// </summary>
internal static class ShutdownFlush
{
    // Long enough for one journal write and one snapshot row on a loaded machine; a stuck store must not hang the stop.
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static void Register(ActorSystem system, IActorRef self, string taskName) =>
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, taskName, async () =>
        {
            // Obsolete for actors (they should watch), but this task is no actor: without the check an ask to a stopped
            // symbol's child would wait out its timeout in every shutdown.
#pragma warning disable CS0618
            if (self is IInternalActorRef { IsTerminated: true })
#pragma warning restore CS0618
            {
                return Done.Instance;
            }

            try
            {
                return await self.Ask<Done>(FlushState.Instance, AskTimeout).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                // Stopped meanwhile or the store did not answer: the last periodic snapshot stays.
                return Done.Instance;
            }
        });
}

/// <summary>Save the latest state now (clean stop); answered with <see cref="Done"/> once the snapshot is written or failed.</summary>
internal sealed record FlushState
{
    public static readonly FlushState Instance = new();
}
