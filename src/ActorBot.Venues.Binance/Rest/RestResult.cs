using System.Net;

namespace ActorBot.Venues.Binance.Rest;

/// <summary>Why a REST call did not return a value. Failures are values, not exceptions (STYLE.md 8).</summary>
public enum RestFailureKind
{
    /// <summary>The venue answered with <c>{code,msg}</c>; see <see cref="RestResult{T}.Error"/>.</summary>
    Rejected,

    /// <summary>429: over the weight limit; retry after <see cref="RestResult{T}.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>418 ban in force: the venue is Disabled until it ends; nothing was sent.</summary>
    Banned,

    /// <summary>No answer in time (or connection lost) and retries exhausted or not allowed.</summary>
    Timeout,

    /// <summary>5xx after bounded retries.</summary>
    ServerError,

    /// <summary>The answer could not be decoded (counted in decode_errors_total).</summary>
    Malformed,

    /// <summary>Could not connect.</summary>
    Transport,

    /// <summary>An order whose fate is unknown even after querying by client order id: never re-sent blindly.</summary>
    InDoubt,
}

/// <summary>The outcome of one REST call.</summary>
public sealed record RestResult<T>(T? Value, RestFailureKind? Failure, BinanceError? Error, HttpStatusCode? Status, TimeSpan? RetryAfter)
    where T : class
{
    public bool IsSuccess => Failure is null;

    public static RestResult<T> Ok(T value, HttpStatusCode status = HttpStatusCode.OK) => new(value, null, null, status, null);

    public static RestResult<T> Fail(RestFailureKind kind, HttpStatusCode? status = null, BinanceError? error = null, TimeSpan? retryAfter = null) =>
        new(null, kind, error, status, retryAfter);

    public RestResult<TOther> Cast<TOther>()
        where TOther : class => new(null, Failure, Error, Status, RetryAfter);

    public override string ToString() => IsSuccess ? $"Ok({Value})" : $"{Failure} {(int?)Status} {Error}";
}
