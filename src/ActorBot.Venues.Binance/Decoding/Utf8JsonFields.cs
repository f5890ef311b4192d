using System.Buffers.Text;
using System.Text.Json;
using ActorBot.Domain.OrderBook;

namespace ActorBot.Venues.Binance.Decoding;

/// <summary>
/// Allocation-free field readers for <see cref="Utf8JsonReader"/> positioned on a value token.
/// Binance encodes prices and quantities as JSON strings and ids as numbers; both are accepted for
/// every numeric field because the wire has not always been consistent.
/// </summary>
internal static class Utf8JsonFields
{
    private const int ScratchSize = 128;

    /// <summary>
    /// Opens a frame for one of the hot-path decoders: rejects an empty frame, then moves to the payload
    /// (raw or combined-stream). Shared so every decoder reports framing problems the same way.
    /// </summary>
    public static bool TryOpenFrame(ReadOnlySpan<byte> frame, string source, out Utf8JsonReader reader, out DecodeError error)
    {
        reader = new Utf8JsonReader(frame);
        if (frame.IsEmpty)
        {
            error = new DecodeError(source, DecodeErrorReason.Empty, "$");
            return false;
        }

        if (!TryEnterPayload(ref reader, out var reason, out var field))
        {
            error = new DecodeError(source, reason, field);
            return false;
        }

        error = default;
        return true;
    }

    /// <summary>The first required field whose bit is not set in <paramref name="seen"/> (bit i = required[i]).</summary>
    public static string FirstMissing(int seen, string[] required)
    {
        for (var i = 0; i < required.Length; i++)
        {
            if ((seen & (1 << i)) == 0)
            {
                return required[i];
            }
        }

        return "$";
    }

    /// <summary>
    /// Moves to the payload object: a raw frame <c>{...}</c> or the <c>data</c> member of a combined-stream
    /// frame <c>{"stream":..,"data":{...}}</c>. On success the reader is on the payload's first property
    /// (or its end).
    /// </summary>
    public static bool TryEnterPayload(ref Utf8JsonReader reader, out DecodeErrorReason reason, out string field)
    {
        reason = default;
        field = "$";
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reason = DecodeErrorReason.MalformedJson;
            return false;
        }

        reader.Read();
        if (reader.TokenType != JsonTokenType.PropertyName
            || !(reader.ValueTextEquals("stream"u8) || reader.ValueTextEquals("data"u8)))
        {
            return true;
        }

        while (reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reason = DecodeErrorReason.InvalidValue;
                    field = "data";
                    return false;
                }

                reader.Read();
                return true;
            }

            reader.Read();
            reader.Skip();
            reader.Read();
        }

        reason = DecodeErrorReason.MissingField;
        field = "data";
        return false;
    }

    public static bool TryGetInt64(ref Utf8JsonReader reader, out long value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out value);
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            Span<byte> scratch = stackalloc byte[ScratchSize];
            var text = reader.ValueIsEscaped ? Unescape(in reader, scratch) : reader.ValueSpan;
            return Utf8Parser.TryParse(text, out value, out var used) && used == text.Length && text.Length > 0;
        }

        value = 0;
        return false;
    }

    public static bool TryGetDecimal(ref Utf8JsonReader reader, out decimal value)
    {
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
        {
            Span<byte> scratch = stackalloc byte[ScratchSize];
            var text = reader.ValueIsEscaped ? Unescape(in reader, scratch) : reader.ValueSpan;
            return Utf8Parser.TryParse(text, out value, out var used) && used == text.Length && text.Length > 0;
        }

        value = 0;
        return false;
    }

    public static bool TryGetFixed8(ref Utf8JsonReader reader, out long value)
    {
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
        {
            Span<byte> scratch = stackalloc byte[ScratchSize];
            var text = reader.ValueIsEscaped ? Unescape(in reader, scratch) : reader.ValueSpan;
            return Fixed8.TryParse(text, out value);
        }

        value = 0;
        return false;
    }

    public static bool TryGetBool(ref Utf8JsonReader reader, out bool value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return true;
            case JsonTokenType.False:
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static bool TryGetSymbol(ref Utf8JsonReader reader, SymbolInterner interner, out string value)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            value = string.Empty;
            return false;
        }

        Span<byte> scratch = stackalloc byte[ScratchSize];
        var text = reader.ValueIsEscaped ? Unescape(in reader, scratch) : reader.ValueSpan;
        value = interner.Intern(text);
        return text.Length > 0;
    }

    /// <summary>
    /// Reads a level array <c>[["price","qty"],...]</c> into <paramref name="buffer"/> (grown when needed).
    /// Extra elements inside a level are ignored. Returns false with the reason on bad shape or numbers.
    /// </summary>
    public static bool TryReadLevels(ref Utf8JsonReader reader, ref BookLevel[] buffer, out int count, out DecodeErrorReason reason)
    {
        count = 0;
        reason = default;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reason = DecodeErrorReason.InvalidValue;
            return false;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reason = DecodeErrorReason.InvalidValue;
                return false;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray || !TryGetFixed8(ref reader, out var price))
            {
                reason = reader.TokenType == JsonTokenType.EndArray ? DecodeErrorReason.InvalidValue : DecodeErrorReason.InvalidNumber;
                return false;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray || !TryGetFixed8(ref reader, out var quantity))
            {
                reason = reader.TokenType == JsonTokenType.EndArray ? DecodeErrorReason.InvalidValue : DecodeErrorReason.InvalidNumber;
                return false;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.Skip();
            }

            if (count == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            buffer[count++] = new BookLevel(price, quantity);
        }

        return true;
    }

    /// <summary>Unescapes a string token into <paramref name="scratch"/>; empty when it does not fit (then parsing fails).</summary>
    private static Span<byte> Unescape(in Utf8JsonReader reader, Span<byte> scratch)
    {
        if (reader.HasValueSequence || reader.ValueSpan.Length > scratch.Length)
        {
            return Span<byte>.Empty;
        }

        return scratch[..reader.CopyString(scratch)];
    }
}
