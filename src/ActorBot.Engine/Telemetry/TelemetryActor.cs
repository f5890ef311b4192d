using ActorBot.Engine.Probing;
using Akka.Actor;
using Akka.Event;

namespace ActorBot.Engine.Telemetry;

/// <summary>
/// <c>/user/telemetry</c>: one JSON line per decision, order, fill and state change (<see cref="TelemetryLines"/>) in
/// <c>telemetry.jsonl</c>. It listens on the event stream, so no trading actor waits for it; lines are buffered and
/// written every <c>flush-interval</c> (or once <see cref="TelemetrySettings.MaxBufferedLines"/> are waiting), on the
/// blocking-IO dispatcher so a slow disk never holds a trading actor's thread. A failed write is counted and
/// logged and its lines are dropped (the buffer stays bounded); the next flush tries again. <c>ts</c> is the
/// scheduler's clock in Unix ms, never decreasing; <c>seq</c> counts lines from 1 for the run.
/// </summary>
public sealed class TelemetryActor : ReceiveActor, IWithTimers
{
    /// <summary>Akka's dispatcher for blocking IO: its own threads, not the ones trading actors run on.</summary>
    public const string Dispatcher = "akka.actor.default-blocking-io-dispatcher";

    private readonly TelemetrySettings _settings;
    private readonly TelemetryFile _file;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<string> _buffer = [];
    private long _seq;
    private long _lastTs = long.MinValue;
    private long _written;
    private long _failed;
    private string? _lastError;

    public TelemetryActor(TelemetrySettings settings)
    {
        _settings = settings;
        _file = new TelemetryFile(settings.Path, settings.MaxFileSize);
        Receive<FlushTelemetry>(_ => Flush());
        Receive<GetTelemetryStatus>(_ =>
        {
            Flush();
            Sender.Tell(new TelemetryStatus(_settings.Path, _written, _failed, _file.Rotations, _lastError));
        });
        // Before ReceiveAny: /actors asks every actor for its state.
        Receive<ProbeState>(_ => ProbeReply.Answer(Context, new TelemetryStatus(_settings.Path, _written, _failed, _file.Rotations, _lastError)));
        ReceiveAny(OnEvent);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(TelemetrySettings settings) =>
        Akka.Actor.Props.Create(() => new TelemetryActor(settings)).WithDispatcher(Dispatcher);

    /// <summary>
    /// Subscribes <paramref name="telemetry"/> to every event it records. Call right after ActorOf (PreStart runs
    /// asynchronously), so an event published before the actor has started waits in its mailbox.
    /// </summary>
    public static void Subscribe(ActorSystem system, IActorRef telemetry)
    {
        ArgumentNullException.ThrowIfNull(system);
        foreach (var type in TelemetryLines.Subscribed)
        {
            system.EventStream.Subscribe(telemetry, type);
        }
    }

    protected override void PreStart()
    {
        Subscribe(Context.System, Self);
        Timers.StartPeriodicTimer("flush", FlushTelemetry.Instance, _settings.FlushInterval);
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        Flush();
        _file.Dispose();
    }

    private void OnEvent(object message)
    {
        // The wall clock can step back (NTP); the file's ts must not.
        var ts = Math.Max(_lastTs, Context.System.Scheduler.Now.ToUnixTimeMilliseconds());
        var line = TelemetryLines.Format(message, ts, _seq + 1);
        if (line is null)
        {
            Unhandled(message);
            return;
        }

        _lastTs = ts;
        _seq++;
        _buffer.Add(line);
        if (_buffer.Count >= _settings.MaxBufferedLines)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        try
        {
            _file.Append(_buffer);
            _written += _buffer.Count;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _failed += _buffer.Count;
            _lastError = ex.Message;
            _file.Dispose();
            _log.Warning("telemetry: {0} line(s) not written to {1} ({2} lost so far): {3}", _buffer.Count, _settings.Path, _failed, ex.Message);
        }

        _buffer.Clear();
    }
}
