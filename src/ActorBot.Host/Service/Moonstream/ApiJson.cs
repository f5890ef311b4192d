using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ActorBot.Domain.Liquidations.Heatmap;

namespace ActorBot.Host.Service.Moonstream;

/// <summary>
/// The moonstream API's JSON (SPEC §11.1): compact, floats as Python's repr, UTF-8 unescaped as Starlette wrote it
/// (<c>ensure_ascii=False</c>, so <c>'</c> stays <c>'</c>). The old server answered 500 when a NaN or an infinity was
/// anywhere in a body; here a non-finite double is written as <c>0.0</c> (the "nothing here" value of every float
/// array and statistic) and counted in <see cref="NonFiniteReplaced"/> (served by <c>/v1/health</c>), so one bad bucket
/// never takes a whole map away from the front end.
/// </summary>
public sealed class ApiJson
{
    private long _nonFinite;

    public ApiJson()
    {
        Options = new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new FiniteDoubleConverter(this) },
        };
    }

    public JsonSerializerOptions Options { get; }

    public long NonFiniteReplaced => Interlocked.Read(ref _nonFinite);

    public byte[] Bytes(object value) => value is JsonNode node
        ? System.Text.Encoding.UTF8.GetBytes(node.ToJsonString(Options))
        : JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options);

    /// <summary>A typed body as a mutable object (its numbers keep their Python text).</summary>
    public JsonObject Object(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), Options)!.AsObject();

    /// <summary>A double node written as Python did.</summary>
    public JsonNode Num(double value) => JsonSerializer.SerializeToNode(value, Options)!;

    private sealed class FiniteDoubleConverter(ApiJson owner) : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (!double.IsFinite(value))
            {
                Interlocked.Increment(ref owner._nonFinite);
                value = 0;
            }

            writer.WriteRawValue(PythonJson.Format(value), skipInputValidation: true);
        }
    }
}
