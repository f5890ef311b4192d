namespace ActorBot.Venues.Binance.Decoding;

/// <summary>A typed decode failure: which payload kind (<see cref="Source"/>), why, and which field.</summary>
public readonly record struct DecodeError(string Source, DecodeErrorReason Reason, string Field)
{
    /// <summary>The metric label for <see cref="Reason"/> (snake_case, stable).</summary>
    public string ReasonLabel => DecodeErrorLabels.Of(Reason);

    public override string ToString() => $"{Source}: {ReasonLabel} at '{Field}'";
}

/// <summary>Stable snake_case labels for metrics and logs.</summary>
public static class DecodeErrorLabels
{
    public static string Of(DecodeErrorReason reason) => reason switch
    {
        DecodeErrorReason.MalformedJson => "malformed_json",
        DecodeErrorReason.MissingField => "missing_field",
        DecodeErrorReason.InvalidNumber => "invalid_number",
        DecodeErrorReason.InvalidValue => "invalid_value",
        DecodeErrorReason.UnexpectedEvent => "unexpected_event",
        DecodeErrorReason.Empty => "empty",
        _ => "unknown",
    };
}
