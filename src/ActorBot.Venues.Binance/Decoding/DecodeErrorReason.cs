namespace ActorBot.Venues.Binance.Decoding;

/// <summary>Why a payload could not be decoded; the <c>reason</c> label of <c>decode_errors_total</c>.</summary>
public enum DecodeErrorReason
{
    /// <summary>Not JSON, truncated, or not the expected JSON shape (object/array).</summary>
    MalformedJson,

    /// <summary>A required field is absent.</summary>
    MissingField,

    /// <summary>A numeric field holds garbage, NaN, a sign where none is allowed, or too many decimals.</summary>
    InvalidNumber,

    /// <summary>A field has the wrong JSON type or a value outside its domain (e.g. an unknown side).</summary>
    InvalidValue,

    /// <summary>The event type <c>e</c> is not the one this decoder handles.</summary>
    UnexpectedEvent,

    /// <summary>The payload is empty.</summary>
    Empty,
}
