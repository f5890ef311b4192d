namespace ActorBot.Venues.Binance.Recordings;

/// <summary>What one line of a recording holds.</summary>
public enum RecordedLineKind
{
    /// <summary>A WebSocket frame (raw or combined stream), or an un-addressed REST body (hftbacktest's snapshot line).</summary>
    Frame,

    /// <summary>A REST response with its request URL (cryptofeed <c>&lt;url&gt; -&gt; &lt;time&gt;: &lt;body&gt;</c>).</summary>
    RestResponse,

    /// <summary>Collector bookkeeping (cryptofeed's <c>wss://… &lt;-&gt; time</c> connect line); nothing to replay.</summary>
    Header,

    /// <summary>Not a format we know; counted, never fatal.</summary>
    Unrecognized,
}
