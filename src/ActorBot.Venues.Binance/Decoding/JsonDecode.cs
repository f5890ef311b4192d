using System.Globalization;
using System.Text.Json;

namespace ActorBot.Venues.Binance.Decoding;

/// <summary>
/// The boundary of the non-hot decoders (REST answers, user-data events, slow market streams): parse with
/// <see cref="JsonDocument"/>, map with <see cref="JsonFields"/>, and turn every failure into a typed,
/// counted <see cref="DecodeError"/>. Nothing thrown inside escapes.
/// </summary>
public static class JsonDecode
{
    public static bool TryRun<T>(
        string source,
        ReadOnlySpan<byte> json,
        DecodeErrorCounter errors,
        Func<JsonFields, T> map,
        out T? value,
        out DecodeError error,
        bool unwrapCombinedStream = true)
        where T : class
    {
        value = null;
        error = default;
        if (json.IsEmpty)
        {
            error = new DecodeError(source, DecodeErrorReason.Empty, "$");
            errors.Record(error);
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (unwrapCombinedStream && root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("data", out var data) && root.TryGetProperty("stream", out _))
            {
                root = data;
            }

            value = map(new JsonFields(source, root, "$"));
            return true;
        }
        catch (JsonException)
        {
            error = new DecodeError(source, DecodeErrorReason.MalformedJson, "$");
        }
        catch (DecodeFailure failure)
        {
            error = new DecodeError(source, failure.Reason, failure.Field);
        }

        errors.Record(error);
        return false;
    }
}

/// <summary>Internal control flow of <see cref="JsonFields"/>; always caught by <see cref="JsonDecode.TryRun{T}"/>.</summary>
internal sealed class DecodeFailure(DecodeErrorReason reason, string field) : Exception(field)
{
    public DecodeErrorReason Reason { get; } = reason;

    public string Field { get; } = field;
}

/// <summary>
/// Typed getters over one JSON object or array. Numbers are accepted as JSON numbers or strings (Binance
/// uses both); JSON <c>null</c> counts as absent; unknown members are ignored.
/// </summary>
public readonly struct JsonFields
{
    private readonly string _source;
    private readonly string _path;

    internal JsonFields(string source, JsonElement element, string path)
    {
        _source = source;
        Element = element;
        _path = path;
    }

    public JsonElement Element { get; }

    public JsonFields Object(string name)
    {
        var e = Required(name);
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new DecodeFailure(DecodeErrorReason.InvalidValue, name);
        }

        return new JsonFields(_source, e, name);
    }

    public IReadOnlyList<T> Array<T>(string name, Func<JsonFields, T> map) => ArrayOf(Required(name), name, map);

    public IReadOnlyList<T> OptionalArray<T>(string name, Func<JsonFields, T> map) =>
        TryGet(name, out var e) ? ArrayOf(e, name, map) : [];

    /// <summary>This element as an array (REST answers such as openOrders are bare arrays).</summary>
    public IReadOnlyList<T> Items<T>(Func<JsonFields, T> map) => ArrayOf(Element, _path, map);

    public string String(string name)
    {
        var e = Required(name);
        return e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new DecodeFailure(DecodeErrorReason.InvalidValue, name);
    }

    public string? OptionalString(string name) =>
        TryGet(name, out var e) ? (e.ValueKind == JsonValueKind.String ? e.GetString() : throw new DecodeFailure(DecodeErrorReason.InvalidValue, name)) : null;

    public decimal Decimal(string name) => ParseDecimal(Required(name), name);

    public decimal? OptionalDecimal(string name) => TryGet(name, out var e) ? ParseDecimal(e, name) : null;

    public long Int64(string name) => ParseInt64(Required(name), name);

    public long? OptionalInt64(string name) => TryGet(name, out var e) ? ParseInt64(e, name) : null;

    public bool Bool(string name) => ParseBool(Required(name), name);

    public bool? OptionalBool(string name) => TryGet(name, out var e) ? ParseBool(e, name) : null;

    /// <summary>Element <paramref name="index"/> of this array (kline rows are positional arrays).</summary>
    public JsonFields At(int index)
    {
        if (Element.ValueKind != JsonValueKind.Array || index >= Element.GetArrayLength())
        {
            throw new DecodeFailure(DecodeErrorReason.MissingField, $"{_path}[{index}]");
        }

        return new JsonFields(_source, Element[index], $"{_path}[{index}]");
    }

    public decimal AsDecimal() => ParseDecimal(Element, _path);

    public long AsInt64() => ParseInt64(Element, _path);

    public string AsString() =>
        Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw new DecodeFailure(DecodeErrorReason.InvalidValue, _path);

    private bool TryGet(string name, out JsonElement value)
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw new DecodeFailure(DecodeErrorReason.MalformedJson, _path);
        }

        return Element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private JsonElement Required(string name) =>
        TryGet(name, out var e) ? e : throw new DecodeFailure(DecodeErrorReason.MissingField, name);

    private IReadOnlyList<T> ArrayOf<T>(JsonElement e, string name, Func<JsonFields, T> map)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw new DecodeFailure(name == "$" ? DecodeErrorReason.MalformedJson : DecodeErrorReason.InvalidValue, name);
        }

        var list = new List<T>(e.GetArrayLength());
        foreach (var item in e.EnumerateArray())
        {
            list.Add(map(new JsonFields(_source, item, name)));
        }

        return list;
    }

    private static decimal ParseDecimal(JsonElement e, string name)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var n))
        {
            return n;
        }

        if (e.ValueKind == JsonValueKind.String
            && decimal.TryParse(e.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s))
        {
            return s;
        }

        throw new DecodeFailure(DecodeErrorReason.InvalidNumber, name);
    }

    private static long ParseInt64(JsonElement e, string name)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n))
        {
            return n;
        }

        if (e.ValueKind == JsonValueKind.String
            && long.TryParse(e.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s))
        {
            return s;
        }

        throw new DecodeFailure(DecodeErrorReason.InvalidNumber, name);
    }

    private static bool ParseBool(JsonElement e, string name) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when e.GetString() == "true" => true,
        JsonValueKind.String when e.GetString() == "false" => false,
        _ => throw new DecodeFailure(DecodeErrorReason.InvalidValue, name),
    };
}
