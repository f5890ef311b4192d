using System.Text.Json;
using ActorBot.Venues.Binance.Market;

namespace ActorBot.Venues.Binance.Decoding;

/// <summary>
/// Hot-path decoder for <c>aggTrade</c> (raw or combined-stream frame): one <see cref="Utf8JsonReader"/>
/// pass, no allocation per frame once the symbol is interned. Unknown fields (e.g. <c>nq</c>) are skipped.
/// </summary>
public sealed class AggTradeDecoder
{
    public const string Source = "aggTrade";

    private static readonly string[] Required = ["e", "E", "s", "a", "p", "q", "f", "l", "T", "m"];

    private readonly SymbolInterner _symbols = new();
    private readonly DecodeErrorCounter _errors;

    public AggTradeDecoder(DecodeErrorCounter errors)
    {
        _errors = errors;
    }

    public bool TryDecode(ReadOnlySpan<byte> frame, out AggTrade trade, out DecodeError error)
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

    private bool Decode(ReadOnlySpan<byte> frame, out AggTrade trade, out DecodeError error)
    {
        trade = default;
        if (!Utf8JsonFields.TryOpenFrame(frame, Source, out var reader, out error))
        {
            return false;
        }

        string symbol = string.Empty;
        long eventTime = 0, aggId = 0, first = 0, last = 0, tradeTime = 0;
        decimal price = 0, quantity = 0;
        var maker = false;
        var seen = 0;
        while (reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            var ok = true;
            string field;
            if (name.Length == 1)
            {
                switch (name[0])
                {
                    case (byte)'e':
                        field = "e";
                        if (!reader.ValueTextEquals("aggTrade"u8))
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
                        ok = Utf8JsonFields.TryGetSymbol(ref reader, _symbols, out symbol);
                        seen |= 4;
                        break;
                    case (byte)'a':
                        field = "a";
                        ok = Utf8JsonFields.TryGetInt64(ref reader, out aggId);
                        seen |= 8;
                        break;
                    case (byte)'p':
                        field = "p";
                        ok = Utf8JsonFields.TryGetDecimal(ref reader, out price) && price > 0;
                        seen |= 16;
                        break;
                    case (byte)'q':
                        field = "q";
                        ok = Utf8JsonFields.TryGetDecimal(ref reader, out quantity) && quantity >= 0;
                        seen |= 32;
                        break;
                    case (byte)'f':
                        field = "f";
                        ok = Utf8JsonFields.TryGetInt64(ref reader, out first);
                        seen |= 64;
                        break;
                    case (byte)'l':
                        field = "l";
                        ok = Utf8JsonFields.TryGetInt64(ref reader, out last);
                        seen |= 128;
                        break;
                    case (byte)'T':
                        field = "T";
                        ok = Utf8JsonFields.TryGetInt64(ref reader, out tradeTime);
                        seen |= 256;
                        break;
                    case (byte)'m':
                        field = "m";
                        if (!Utf8JsonFields.TryGetBool(ref reader, out maker))
                        {
                            error = new DecodeError(Source, DecodeErrorReason.InvalidValue, "m");
                            return false;
                        }

                        seen |= 512;
                        break;
                    default:
                        field = string.Empty;
                        reader.Skip();
                        break;
                }
            }
            else
            {
                field = string.Empty;
                reader.Skip();
            }

            if (!ok)
            {
                error = new DecodeError(Source, field == "s" ? DecodeErrorReason.InvalidValue : DecodeErrorReason.InvalidNumber, field);
                return false;
            }

            reader.Read();
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            error = new DecodeError(Source, DecodeErrorReason.MalformedJson, "$");
            return false;
        }

        if (seen != 1023)
        {
            error = new DecodeError(Source, DecodeErrorReason.MissingField, Utf8JsonFields.FirstMissing(seen, Required));
            return false;
        }

        trade = new AggTrade(symbol, eventTime, aggId, price, quantity, first, last, tradeTime, maker);
        error = default;
        return true;
    }
}
