using System.Text.Json;
using ActorBot.Domain.OrderBook;
using ActorBot.Venues.Binance.Market;

namespace ActorBot.Venues.Binance.Decoding;

/// <summary>
/// Hot-path decoder for USDⓈ-M <c>depthUpdate</c> (raw or combined-stream frame) into a reused
/// <see cref="DepthUpdateFrame"/>: prices and quantities as <see cref="Fixed8"/> longs, no allocation
/// per frame. Required: <c>e, E, s, U, u, pu, b, a</c>; <c>T</c> is optional.
/// </summary>
public sealed class DepthUpdateDecoder
{
    public const string Source = "depthUpdate";

    private static readonly string[] Required = ["e", "E", "s", "U", "u", "pu", "b", "a"];

    private readonly SymbolInterner _symbols = new();
    private readonly DecodeErrorCounter _errors;

    public DepthUpdateDecoder(DecodeErrorCounter errors)
    {
        _errors = errors;
    }

    public bool TryDecode(ReadOnlySpan<byte> frame, DepthUpdateFrame target, out DecodeError error)
    {
        try
        {
            if (Decode(frame, target, out error))
            {
                return true;
            }
        }
        catch (JsonException)
        {
            error = new DecodeError(Source, DecodeErrorReason.MalformedJson, "$");
        }

        target.BidCount = 0;
        target.AskCount = 0;
        _errors.Record(error);
        return false;
    }

    private bool Decode(ReadOnlySpan<byte> frame, DepthUpdateFrame target, out DecodeError error)
    {
        if (!Utf8JsonFields.TryOpenFrame(frame, Source, out var reader, out error))
        {
            return false;
        }

        var symbol = string.Empty;
        long eventTime = 0, transactionTime = 0, first = 0, last = 0, previous = 0;
        var seen = 0;
        while (reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            var ok = true;
            var field = string.Empty;
            var reason = DecodeErrorReason.InvalidNumber;
            if (name.Length == 1)
            {
                switch (name[0])
                {
                    case (byte)'e':
                        if (!reader.ValueTextEquals("depthUpdate"u8))
                        {
                            error = new DecodeError(Source, DecodeErrorReason.UnexpectedEvent, "e");
                            return false;
                        }

                        seen |= 1;
                        break;
                    case (byte)'E':
                        field = "E";
                        ok = Utf8JsonFields.TryGetInt64(ref reader, out eventTime);
                        seen |= 2;
                        break;
                    case (byte)'s':
                        field = "s";
                        reason = DecodeErrorReason.InvalidValue;
                        ok = Utf8JsonFields.TryGetSymbol(ref reader, _symbols, out symbol);
                        seen |= 4;
                        break;
                    case (byte)'U':
                        field = "U";
                        ok = Utf8JsonFields.TryGetInt64(ref reader, out first);
                        seen |= 8;
                        break;
                    case (byte)'u':
                        field = "u";
                        ok = Utf8JsonFields.TryGetInt64(ref reader, out last);
                        seen |= 16;
                        break;
                    case (byte)'T':
                        field = "T";
                        ok = Utf8JsonFields.TryGetInt64(ref reader, out transactionTime);
                        break;
                    case (byte)'b':
                        field = "b";
                        ok = Utf8JsonFields.TryReadLevels(ref reader, ref target.BidBuffer, out var bidCount, out reason);
                        target.BidCount = bidCount;
                        seen |= 64;
                        break;
                    case (byte)'a':
                        field = "a";
                        ok = Utf8JsonFields.TryReadLevels(ref reader, ref target.AskBuffer, out var askCount, out reason);
                        target.AskCount = askCount;
                        seen |= 128;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            else if (name.Length == 2 && name[0] == (byte)'p' && name[1] == (byte)'u')
            {
                field = "pu";
                ok = Utf8JsonFields.TryGetInt64(ref reader, out previous);
                seen |= 32;
            }
            else
            {
                reader.Skip();
            }

            if (!ok)
            {
                error = new DecodeError(Source, reason, field);
                return false;
            }

            reader.Read();
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            error = new DecodeError(Source, DecodeErrorReason.MalformedJson, "$");
            return false;
        }

        if (seen != 255)
        {
            error = new DecodeError(Source, DecodeErrorReason.MissingField, Utf8JsonFields.FirstMissing(seen, Required));
            return false;
        }

        if (first > last)
        {
            error = new DecodeError(Source, DecodeErrorReason.InvalidValue, "U");
            return false;
        }

        target.Symbol = symbol;
        target.Header = new DepthDiffHeader(first, last, previous, eventTime);
        target.TransactionTimeMs = transactionTime;
        error = default;
        return true;
    }
}
