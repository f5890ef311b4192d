using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using ActorBot.Domain.Liquidations.Api;
using ActorBot.Engine.Liquidations;
using Akka.Actor;

namespace ActorBot.Host.Service.Moonstream;

/// <summary>One API answer: status, body and content type, plus headers (the <c>format=bin</c> ones).</summary>
public sealed record ApiResponse(int Status, byte[] Body, string ContentType, IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    public bool IsCacheable => Status == 200 && ContentType == MoonstreamBackend.JsonType;
}

/// <summary>What an ask brought back: the answer, or why there is none (the symbol runs no such actor, or a timeout).</summary>
public readonly record struct Answer<T>(T? Value, string? Failure, bool TimedOut)
    where T : class;

/// <summary>
/// What the moonstream routes share: the live engines (asked through <c>/user/bot</c>, which routes by symbol), the
/// symbol rule, the clock, the cache and the JSON writer. Never reads actor state directly.
/// </summary>
public sealed class MoonstreamBackend
{
    public const string JsonType = "application/json";

    public const string Version = "3.0.0";

    private readonly Func<ICanTell?> _bot;
    private readonly ConcurrentDictionary<int, long> _errors = new();

    /// <param name="bot">resolves <c>/user/bot</c> (null until the actor system has started).</param>
    /// <param name="symbols">the service's configured symbols.</param>
    /// <param name="bucketSteps">the liquidation bucket step per base asset (the history grid's step before a snapshot exists).</param>
    public MoonstreamBackend(Func<ICanTell?> bot, IEnumerable<string> symbols, IReadOnlyDictionary<string, decimal> bucketSteps, TimeProvider clock, TimeSpan? askTimeout = null)
    {
        _bot = bot;
        Symbols = new ApiSymbols(symbols);
        BucketSteps = bucketSteps;
        Clock = clock;
        Started = clock.GetUtcNow();
        Cache = new ResponseCache(clock);
        AskTimeout = askTimeout ?? ProbeAsk.Timeout;
    }

    public ApiSymbols Symbols { get; }

    public IReadOnlyDictionary<string, decimal> BucketSteps { get; }

    public TimeProvider Clock { get; }

    public DateTimeOffset Started { get; }

    public ResponseCache Cache { get; }

    public ApiJson Json { get; } = new();

    public TimeSpan AskTimeout { get; }

    /// <summary>Error answers so far by status (400, 404, 422, 503…).</summary>
    public IReadOnlyDictionary<int, long> ErrorsByStatus => new SortedDictionary<int, long>(_errors);

    public void CountError(int status) => _errors.AddOrUpdate(status, 1, (_, n) => n + 1);

    public long NowMs => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    public double NowS => NowMs / 1000.0;

    /// <summary>Asks the symbol's subtree through /user/bot. A symbol without the actor answers a failure.</summary>
    public async Task<Answer<T>> Ask<T>(ISymbolLiquidationMessage message, CancellationToken ct)
        where T : class
    {
        if (_bot() is not { } bot)
        {
            return new Answer<T>(null, "the actor system is not running", false);
        }

        try
        {
            var reply = bot switch
            {
                IActorRef r => await r.Ask<object>(message, AskTimeout, ct).ConfigureAwait(false),
                ActorSelection s => await s.Ask<object>(message, AskTimeout, ct).ConfigureAwait(false),
                _ => null,
            };
            return reply switch
            {
                T value => new Answer<T>(value, null, false),
                Status.Failure f => new Answer<T>(null, f.Cause?.Message ?? "failed", false),
                _ => new Answer<T>(null, $"unexpected answer {reply?.GetType().Name ?? "null"}", false),
            };
        }
        catch (AskTimeoutException)
        {
            return new Answer<T>(null, "no answer in time", true);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Answer<T>(null, "no answer in time", true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Akka fails the ask with the cause of a Status.Failure answer.
            return new Answer<T>(null, e.Message, false);
        }
    }

    public ApiResponse Ok(object body) => new(200, Json.Bytes(body), JsonType);

    /// <summary>FastAPI's HTTPException body: <c>{"detail":"…"}</c>.</summary>
    public ApiResponse Error(int status, string detail) => new(status, Json.Bytes(new JsonObject { ["detail"] = detail }), JsonType);

    /// <summary>The cached body of a key when younger than its TTL; else computes it and caches it if it is successful JSON.</summary>
    public async Task<ApiResponse> Cached(string key, TimeSpan ttl, Func<Task<ApiResponse>> compute)
    {
        if (Cache.TryGet(key, ttl, out var body))
        {
            return new ApiResponse(200, body, JsonType);
        }

        var response = await compute().ConfigureAwait(false);
        if (response.IsCacheable)
        {
            Cache.Set(key, response.Body);
        }

        return response;
    }

    public static string Text(ApiResponse r) => Encoding.UTF8.GetString(r.Body);
}
