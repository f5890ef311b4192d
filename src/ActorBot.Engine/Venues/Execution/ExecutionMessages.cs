using ActorBot.Domain.Execution;
using ActorBot.Engine.Trading;
using ActorBot.Venues.Binance.Rest;

namespace ActorBot.Engine.Venues.Execution;

// Answers of the actor's own async venue calls, piped back to it. Internal: nothing outside execution sends them.

internal sealed record EntryAnswer(string EventId, RestResult<OrderResponse> Result);

internal sealed record LookupAnswer(string EventId, RestResult<OrderResponse> Result);

internal sealed record LookupDue(string EventId);

internal sealed record BracketAnswers(string EventId, RestResult<AlgoOrderResponse> StopLoss, RestResult<AlgoOrderResponse> TakeProfit);

internal sealed record FlattenAnswer(string EventId, string Reason, int Attempt, RestResult<OrderResponse> Result, IReadOnlyList<CallOutcome> Cancels);

internal sealed record SiblingCanceled(string EventId, CallOutcome Outcome);

internal sealed record VenueViewLoaded(VenueView? View, string? Error);

internal sealed record RestartExecuted(RestartReport Report, IReadOnlyList<CallOutcome> Outcomes);

internal sealed record RestartRetry
{
    public static RestartRetry Instance { get; } = new();
}

internal sealed record CancelAllFinished(CancelAll Request, int Orders, int Algos, IReadOnlyList<CallOutcome> Flattens, IReadOnlyList<CallOutcome> Calls, TimeSpan Took);

internal sealed record FlattenRetry(string EventId, string Reason, int Attempt);
