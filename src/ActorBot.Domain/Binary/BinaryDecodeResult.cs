namespace ActorBot.Domain.Binary;

/// <summary>A decoded record, or the typed reason it was refused (never an exception for bad bytes).</summary>
public readonly record struct BinaryDecodeResult<T>(T? Value, BinaryDecodeError Error)
    where T : class
{
    public bool IsOk => Error == BinaryDecodeError.None && Value is not null;

    public static BinaryDecodeResult<T> Ok(T value) => new(value, BinaryDecodeError.None);

    public static BinaryDecodeResult<T> Fail(BinaryDecodeError error) => new(null, error);
}
