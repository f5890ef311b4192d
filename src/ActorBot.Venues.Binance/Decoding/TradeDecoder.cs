using System.Text.Json;
using ActorBot.Venues.Binance.Market;

namespace ActorBot.Venues.Binance.Decoding;

/// <summary>Hot-path decoder for <c>trade</c> (raw or combined-stream frame); same rules as <see cref="AggTradeDecoder"/>.</summary>
public sealed class TradeDecoder
{
    public const string Source = "trade";

    private static readonly string[] Required = ["e", "E", "T", "s", "t", "p", "q", "m"];

    private readonly SymbolInterner _symbols = new();
    private readonly SymbolInterner _executionTypes = new();
    private readonly DecodeErrorCounter _errors;

    public TradeDecoder(DecodeErrorCounter errors)
    {
        _errors = errors;
    }

    public bool TryDecode(ReadOnlySpan<byte> frame, out Trade trade, out DecodeError error)
    {
        try
        {
            if (Decode(frame, out trade, out error))
            {
                return true;
            }
        }
        catch (JsonException)
        {
            trade = default;
            error = new DecodeError(Source, DecodeErrorReason.MalformedJson, "$");
        }

        _errors.Record(error);
        return false;
    }

    private bool Decode(ReadOnlySpan<byte> frame, out Trade trade, out DecodeError error)
    {
        trade = default;
        if (!Utf8JsonFields.TryOpenFrame(frame, Source, out var reader, out error))
        {
            return false;
        }

        string symbol = string.Empty, execution = string.Empty;
        long eventTime = 0, tradeTime = 0, tradeId = 0;
        decimal price = 0, quantity = 0;
        var maker = false;
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
                        if (!reader.ValueTextEquals("trade"u8))
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
                    case (byte)'T':
                        field = "T";
                        ok = Utf8JsonFields.TryGetInt64(ref reader, out tradeTime);
                        seen |= 4;
                        break;
                    case (byte)'s':
                        field = "s";
                        reason = DecodeErrorReason.InvalidValue;
                        ok = Utf8JsonFields.TryGetSymbol(ref reader, _symbols, out symbol);
                        seen |= 8;
                        break;
                    case (byte)'t':
                        field = "t";
                        ok = Utf8JsonFields.TryGetInt64(ref reader, out tradeId);
                        seen |= 16;
                        break;
                    case (byte)'p':
                        field = "p";
                        ok = Utf8JsonFields.TryGetDecimal(ref reader, out price) && price > 0;
                        seen |= 32;
                        break;
                    case (byte)'q':
                        field = "q";
                        ok = Utf8JsonFields.TryGetDecimal(ref reader, out quantity) && quantity >= 0;
                        seen |= 64;
                        break;
                    case (byte)'m':
                        field = "m";
                        reason = DecodeErrorReason.InvalidValue;
                        ok = Utf8JsonFields.TryGetBool(ref reader, out maker);
                        seen |= 128;
                        break;
                    case (byte)'X':
                        field = "X";
                        reason = DecodeErrorReason.InvalidValue;
                        ok = Utf8JsonFields.TryGetSymbol(ref reader, _executionTypes, out execution);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
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

        trade = new Trade(symbol, eventTime, tradeTime, tradeId, price, quantity, execution, maker);
        error = default;
        return true;
    }
}
