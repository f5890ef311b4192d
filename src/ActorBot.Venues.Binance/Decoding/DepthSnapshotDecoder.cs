using System.Text.Json;
using ActorBot.Domain.OrderBook;
using ActorBot.Venues.Binance.Market;

namespace ActorBot.Venues.Binance.Decoding;

/// <summary>Decodes the REST depth snapshot <c>{"lastUpdateId":..,"E":..,"T":..,"bids":[..],"asks":[..]}</c>.</summary>
public sealed class DepthSnapshotDecoder
{
    public const string Source = "rest.depth";

    private readonly DecodeErrorCounter _errors;

    public DepthSnapshotDecoder(DecodeErrorCounter errors)
    {
        _errors = errors;
    }

    public bool TryDecode(ReadOnlySpan<byte> json, out DepthSnapshot? snapshot, out DecodeError error)
    {
        snapshot = null;
        try
        {
            if (Decode(json, out snapshot, out error))
            {
                return true;
            }
        }
        catch (JsonException)
        {
            error = new DecodeError(Source, DecodeErrorReason.MalformedJson, "$");
        }

        _errors.Record(error);
        return false;
    }

    private static bool Decode(ReadOnlySpan<byte> json, out DepthSnapshot? snapshot, out DecodeError error)
    {
        snapshot = null;
        if (json.IsEmpty)
        {
            error = new DecodeError(Source, DecodeErrorReason.Empty, "$");
            return false;
        }

        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = new DecodeError(Source, DecodeErrorReason.MalformedJson, "$");
            return false;
        }

        long lastUpdateId = 0, eventTime = 0, transactionTime = 0;
        var hasId = false;
        BookLevel[] bids = new BookLevel[64], asks = new BookLevel[64];
        int bidCount = -1, askCount = -1;
        reader.Read();
        while (reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("lastUpdateId"u8))
            {
                reader.Read();
                if (!Utf8JsonFields.TryGetInt64(ref reader, out lastUpdateId))
                {
                    error = new DecodeError(Source, DecodeErrorReason.InvalidNumber, "lastUpdateId");
                    return false;
                }

                hasId = true;
            }
            else if (reader.ValueTextEquals("E"u8))
            {
                reader.Read();
                Utf8JsonFields.TryGetInt64(ref reader, out eventTime);
            }
            else if (reader.ValueTextEquals("T"u8))
            {
                reader.Read();
                Utf8JsonFields.TryGetInt64(ref reader, out transactionTime);
            }
            else if (reader.ValueTextEquals("bids"u8) || reader.ValueTextEquals("asks"u8))
            {
                var isBids = reader.ValueTextEquals("bids"u8);
                reader.Read();
                bool ok;
                DecodeErrorReason reason;
                if (isBids)
                {
                    ok = Utf8JsonFields.TryReadLevels(ref reader, ref bids, out bidCount, out reason);
                }
                else
                {
                    ok = Utf8JsonFields.TryReadLevels(ref reader, ref asks, out askCount, out reason);
                }

                if (!ok)
                {
                    error = new DecodeError(Source, reason, isBids ? "bids" : "asks");
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }

            reader.Read();
        }

        if (!hasId || bidCount < 0 || askCount < 0)
        {
            error = new DecodeError(Source, DecodeErrorReason.MissingField, !hasId ? "lastUpdateId" : bidCount < 0 ? "bids" : "asks");
            return false;
        }

        snapshot = new DepthSnapshot(lastUpdateId, eventTime, transactionTime, bids[..bidCount], asks[..askCount]);
        error = default;
        return true;
    }
}
