namespace ActorBot.Domain.Hud;

/// <summary>
/// The HUD's send policy, pure (the caller passes the time): de-duplication, a rolling per-minute budget, a bounded
/// queue, coalescing of what the budget cannot carry, and the Bot API's <c>retry_after</c> back-off. The actor asks
/// <see cref="Next"/> whenever it is free to send and sleeps until <see cref="HudNext.WakeAtMs"/> otherwise.
/// </summary>
public sealed class HudThrottle
{
    private const long MinuteMs = 60_000;

    private readonly HudThrottleSettings _settings;
    private readonly LinkedList<string> _queue = new();
    private readonly Dictionary<string, long> _acceptedAt = new(StringComparer.Ordinal);
    private readonly Queue<(string Text, long AtMs)> _acceptedOrder = new();
    private readonly Dictionary<string, (string Text, long AtMs)> _topicLast = new(StringComparer.Ordinal);
    private readonly Queue<long> _sendTimes = new();
    private long _blockedUntilMs = long.MinValue;

    public HudThrottle(HudThrottleSettings settings) => _settings = settings.Validate();

    /// <summary>Messages waiting to be sent.</summary>
    public int Queued => _queue.Count;

    public long Duplicates { get; private set; }

    public long Dropped { get; private set; }

    /// <summary>Events sent inside a coalesced message (not counting the message itself).</summary>
    public long Coalesced { get; private set; }

    /// <summary>Until when a <c>retry_after</c> holds every send (ms since the epoch), if one does.</summary>
    public long? BlockedUntilMs => _blockedUntilMs == long.MinValue ? null : _blockedUntilMs;

    /// <param name="topic">
    /// For state messages (SAFE_PAUSE, a venue's health, the kill switch): a text is a duplicate only if it repeats the
    /// topic's last accepted text within the window. Plain text dedup would let a flapping state end on a suppressed
    /// message (entered, exited, entered-suppressed) and leave the chat showing the wrong state.
    /// </param>
    public HudOffer Offer(string text, long nowMs, string? topic = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > HudThrottleSettings.MaxTextLength)
        {
            text = string.Concat(text.AsSpan(0, HudThrottleSettings.MaxTextLength - 1), "…");
        }

        var windowMs = (long)_settings.DedupWindow.TotalMilliseconds;
        ForgetOlderThan(nowMs - windowMs);
        var duplicate = topic is null
            ? _acceptedAt.ContainsKey(text)
            : _topicLast.TryGetValue(topic, out var last) && last.Text == text && nowMs - last.AtMs < windowMs;
        if (duplicate)
        {
            Duplicates++;
            return HudOffer.Duplicate;
        }

        if (_queue.Count >= _settings.QueueCapacity)
        {
            Dropped++;
            return HudOffer.Dropped;
        }

        if (topic is not null)
        {
            _topicLast[topic] = (text, nowMs);
        }
        else if (windowMs > 0)
        {
            _acceptedAt[text] = nowMs;
            _acceptedOrder.Enqueue((text, nowMs));
        }

        _queue.AddLast(text);
        return HudOffer.Queued;
    }

    /// <summary>
    /// The next send, if one is allowed at <paramref name="nowMs"/>; taking it spends a slot of the minute's budget.
    /// The last slot of the budget carries everything queued as one message when more than one is waiting.
    /// </summary>
    public HudNext Next(long nowMs)
    {
        if (nowMs < _blockedUntilMs)
        {
            return HudNext.Wait(_blockedUntilMs);
        }

        if (_queue.Count == 0)
        {
            return HudNext.Idle;
        }

        while (_sendTimes.Count > 0 && _sendTimes.Peek() <= nowMs - MinuteMs)
        {
            _sendTimes.Dequeue();
        }

        var left = _settings.MaxPerMinute - _sendTimes.Count;
        if (left <= 0)
        {
            return HudNext.Wait(_sendTimes.Peek() + MinuteMs);
        }

        _sendTimes.Enqueue(nowMs);
        if (left == 1 && _queue.Count > 1)
        {
            var events = _queue.Count;
            var text = CoalescedText(_queue);
            Coalesced += events;
            _queue.Clear();
            return HudNext.Send(text, events);
        }

        var head = _queue.First!.Value;
        _queue.RemoveFirst();
        return HudNext.Send(head, 1);
    }

    /// <summary>The Bot API answered 429: the text goes back to the head and nothing is sent before the wait is over.</summary>
    public void RetryAfter(string text, long nowMs, TimeSpan wait)
    {
        _blockedUntilMs = nowMs + (long)Math.Max(0, wait.TotalMilliseconds);
        _queue.AddFirst(text);
        if (_queue.Count > _settings.QueueCapacity)
        {
            _queue.RemoveLast();
            Dropped++;
        }
    }

    /// <summary>One message standing for <paramref name="texts"/>: how many, and the first line of the first few.</summary>
    public static string CoalescedText(IReadOnlyCollection<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var lines = texts.Take(HudThrottleSettings.CoalescedLines).Select(t => "• " + FirstLine(t));
        var more = texts.Count > HudThrottleSettings.CoalescedLines ? "\n…" : string.Empty;
        return $"{texts.Count} more events (rate limit):\n{string.Join('\n', lines)}{more}";
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    private void ForgetOlderThan(long cutoffMs)
    {
        while (_acceptedOrder.Count > 0 && _acceptedOrder.Peek().AtMs <= cutoffMs)
        {
            var (text, at) = _acceptedOrder.Dequeue();
            if (_acceptedAt.TryGetValue(text, out var last) && last == at)
            {
                _acceptedAt.Remove(text);
            }
        }
    }
}
