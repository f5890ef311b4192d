using System.Text.Json;
using ActorBot.Venues.Binance.Market;

namespace ActorBot.Venues.Binance.Decoding;

/// <summary>
/// Reads just enough of a market frame (raw or combined) to route it: the event type <c>e</c> and the
/// symbol <c>s</c>. A payload whose first member is <c>lastUpdateId</c> is a REST depth snapshot.
/// </summary>
public static class MarketFramePeek
{
    public static MarketEventType EventType(ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> symbol)
    {
        symbol = default;
        try
        {
            var reader = new Utf8JsonReader(frame);
            if (!Utf8JsonFields.TryEnterPayload(ref reader, out _, out _))
            {
                return MarketEventType.Unknown;
            }

            var type = MarketEventType.Unknown;
            var first = true;
            while (reader.TokenType == JsonTokenType.PropertyName)
            {
                if (first && reader.ValueTextEquals("lastUpdateId"u8))
                {
                    return MarketEventType.DepthSnapshot;
                }

                first = false;
                var isType = reader.ValueTextEquals("e"u8);
                var isSymbol = reader.ValueTextEquals("s"u8);
                reader.Read();
                if (isType && reader.TokenType == JsonTokenType.String)
                {
                    type = Classify(reader.ValueSpan);
                }
                else if (isSymbol && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
                {
                    symbol = reader.ValueSpan;
                }
                else
                {
                    reader.Skip();
                }

                if (type != MarketEventType.Unknown && !symbol.IsEmpty)
                {
                    return type;
                }

                reader.Read();
            }

            return type;
        }
        catch (JsonException)
        {
            return MarketEventType.Unknown;
        }
    }

    private static MarketEventType Classify(ReadOnlySpan<byte> e) => e switch
    {
        _ when e.SequenceEqual("aggTrade"u8) => MarketEventType.AggTrade,
        _ when e.SequenceEqual("trade"u8) => MarketEventType.Trade,
        _ when e.SequenceEqual("depthUpdate"u8) => MarketEventType.DepthUpdate,
        _ when e.SequenceEqual("bookTicker"u8) => MarketEventType.BookTicker,
        _ when e.SequenceEqual("markPriceUpdate"u8) => MarketEventType.MarkPriceUpdate,
        _ when e.SequenceEqual("forceOrder"u8) => MarketEventType.ForceOrder,
        _ when e.SequenceEqual("kline"u8) => MarketEventType.Kline,
        _ => MarketEventType.Unknown,
    };
}
