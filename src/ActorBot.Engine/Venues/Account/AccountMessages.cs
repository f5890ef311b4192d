using ActorBot.Engine.Venues.Execution;

namespace ActorBot.Engine.Venues.Account;

// The account's own async results and timers, piped back to it. Internal: nothing outside the account sends them.

/// <summary>The user stream connected with a new listenKey (1 = first; every later one follows a gap).</summary>
internal sealed record UserStreamConnected(long Connects);

internal sealed record ReconcileTick
{
    public static ReconcileTick Instance { get; } = new();
}

/// <summary>A REST read of the account and execution's view, asked at the same time; <paramref name="AccountUpdatesAtStart"/> tells whether the stream moved the wallet meanwhile.</summary>
internal sealed record ReconcileLoaded(AccountRead? Read, string? Error, ExecutionStatus? Execution, long AccountUpdatesAtStart);

internal sealed record SetupFinished(IReadOnlyList<SymbolSetup> Results);

internal sealed record SetupRetry
{
    public static SetupRetry Instance { get; } = new();
}
