namespace ActorBot.Domain.Binary;

/// <summary>Why a fixed-layout binary record (moonstream SPEC §9.3–9.5) was refused; readers count these and go on.</summary>
public enum BinaryDecodeError
{
    None,

    /// <summary>Fewer bytes than the layout needs (a torn or truncated record).</summary>
    TooShort,

    /// <summary>The price or bucket count is 0 or above the 1000 the record can hold.</summary>
    CountOutOfRange,

    /// <summary>The timestamp is not finite or not positive.</summary>
    BadTimestamp,

    /// <summary>The price step is not finite or not positive.</summary>
    BadStep,

    /// <summary>An API body whose version or encoding byte is not the one this reader knows (1, raw).</summary>
    UnknownVersion,

    /// <summary>An API body whose length matches neither the single-frame nor the history layout of its header.</summary>
    LengthMismatch,
}
