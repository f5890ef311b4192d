using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace ActorBot.Host.Service.Moonstream;

/// <summary>
/// Typed query parameters with FastAPI's rules (SPEC §11.1): the last value of a repeated key wins; a value that does not
/// parse is a 422 with pydantic v2's error list (<c>{"detail":[{"type","loc":["query",name],"msg","input"}]}</c>), every
/// bad parameter listed, before any other check. A float must be finite here (pydantic took <c>nan</c>, which made the
/// old server answer 500): <c>nan</c>/<c>inf</c> is a 422 of type <c>finite_number</c>.
/// </summary>
public sealed class QueryParams(IQueryCollection query)
{
    private readonly List<JsonObject> _errors = [];

    public bool HasErrors => _errors.Count > 0;

    /// <summary>The 422 body.</summary>
    public JsonObject ErrorBody() => new() { ["detail"] = new JsonArray([.. _errors.Select(e => (JsonNode)e.DeepClone())]) };

    public string? Str(string name) => query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    /// <summary>An int (Python ints are unbounded: a huge one is kept at the long range, then clamped by the route).</summary>
    public long? Int(string name)
    {
        if (Str(name) is not { } raw)
        {
            return null;
        }

        var s = raw.Trim();
        // pydantic accepts "5.0" (decimal zeros stripped) and "1_000".
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0 && s[(dot + 1)..].All(c => c == '0'))
        {
            s = s[..dot];
        }

        s = s.Replace("_", string.Empty, StringComparison.Ordinal);
        if (s.Length > 0 && char.IsAsciiDigit(s[^1]) && BigInteger.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value > long.MaxValue ? long.MaxValue : value < long.MinValue ? long.MinValue : (long)value;
        }

        Fail("int_parsing", name, "Input should be a valid integer, unable to parse string as an integer", raw);
        return null;
    }

    public double? Float(string name)
    {
        if (Str(name) is not { } raw)
        {
            return null;
        }

        if (!double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            var lower = raw.Trim().ToLowerInvariant().TrimStart('+', '-');
            if (lower is "nan" or "inf" or "infinity")
            {
                Fail("finite_number", name, "Input should be a finite number", raw);
                return null;
            }

            Fail("float_parsing", name, "Input should be a valid number, unable to parse string as a number", raw);
            return null;
        }

        if (!double.IsFinite(value))
        {
            Fail("finite_number", name, "Input should be a finite number", raw);
            return null;
        }

        return value;
    }

    private void Fail(string type, string name, string msg, string input) => _errors.Add(new JsonObject
    {
        ["type"] = type,
        ["loc"] = new JsonArray("query", name),
        ["msg"] = msg,
        ["input"] = input,
    });
}
