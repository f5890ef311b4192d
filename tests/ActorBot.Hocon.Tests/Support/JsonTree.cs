using System.Globalization;
using System.Text.Json;
using ActorBot.Hocon.Values;

namespace ActorBot.Hocon.Tests.Support;

/// <summary>
/// Compares a resolved HOCON tree with a JSON document the way the reference suite does: key
/// order irrelevant, numbers by value. Returns the first difference as a path, or null.
/// </summary>
internal static class JsonTree
{
    public static string? FirstDifference(HoconValue actual, JsonElement expected, string path = "$")
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                if (actual is not HoconObject obj)
                {
                    return $"{path}: expected object, got {actual.Type}";
                }

                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).OrderBy(k => k, StringComparer.Ordinal).ToList();
                var actualKeys = obj.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
                if (!expectedKeys.SequenceEqual(actualKeys))
                {
                    return $"{path}: keys [{string.Join(",", actualKeys)}] != expected [{string.Join(",", expectedKeys)}]";
                }

                foreach (var property in expected.EnumerateObject())
                {
                    var difference = FirstDifference(obj[property.Name], property.Value, path + "." + property.Name);
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (actual is not HoconArray array)
                {
                    return $"{path}: expected array, got {actual.Type}";
                }

                var items = expected.EnumerateArray().ToList();
                if (items.Count != array.Count)
                {
                    return $"{path}: {array.Count} elements, expected {items.Count}";
                }

                for (var i = 0; i < items.Count; i++)
                {
                    var difference = FirstDifference(array[i], items[i], $"{path}[{i}]");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonValueKind.String:
                return actual is HoconScalar { Type: HoconValueType.String } s && s.Text == expected.GetString()
                    ? null
                    : $"{path}: got {Describe(actual)}, expected string \"{expected.GetString()}\"";
            case JsonValueKind.Number:
                return actual is HoconScalar { Type: HoconValueType.Number } n
                    && double.Parse(n.Text, CultureInfo.InvariantCulture) == expected.GetDouble()
                    ? null
                    : $"{path}: got {Describe(actual)}, expected number {expected.GetRawText()}";
            case JsonValueKind.True:
            case JsonValueKind.False:
                return actual is HoconScalar { Type: HoconValueType.Boolean } b && b.Text == expected.GetRawText()
                    ? null
                    : $"{path}: got {Describe(actual)}, expected {expected.GetRawText()}";
            case JsonValueKind.Null:
                return actual is HoconScalar { Type: HoconValueType.Null } ? null : $"{path}: got {Describe(actual)}, expected null";
            default:
                return $"{path}: unsupported JSON kind {expected.ValueKind}";
        }
    }

    private static string Describe(HoconValue value) =>
        value is HoconScalar scalar ? $"{scalar.Type} \"{scalar.Text}\"" : value.Type.ToString();
}
