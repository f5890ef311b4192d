using System.Text.Json;

namespace ActorBot.Host.Tests.Moonstream;

/// <summary>
/// "Identical shape" of a served body against a recorded one: every recorded field is served with the same JSON kind
/// (an int stays an int, a float a float — Python's <c>20.0</c> is not <c>20</c>), nested alike, array elements alike.
/// Fields the recorded body does not have are allowed (the corrected values are new fields). Objects keyed by leverage
/// tier are maps: their keys must be integer strings and their values of the recorded values' kind.
/// </summary>
internal static class JsonShape
{
    private static readonly HashSet<string> Maps = ["offset_samples_by_lev", "leverage_weights", "tier_contributions"];

    public static void AssertSame(JsonElement recorded, JsonElement served, string path = "$")
    {
        Kind(served).Should().Be(Kind(recorded), $"{path} is {Kind(recorded)} in the recorded body (served {Trim(served)})");
        switch (recorded.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in recorded.EnumerateObject())
                {
                    served.TryGetProperty(p.Name, out var s).Should().BeTrue($"{path}.{p.Name} is in the recorded body");
                    if (p.Value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    if (Maps.Contains(p.Name))
                    {
                        AssertMap(p.Value, s, $"{path}.{p.Name}");
                    }
                    else
                    {
                        AssertSame(p.Value, s, $"{path}.{p.Name}");
                    }
                }

                break;
            case JsonValueKind.Array:
                if (recorded.GetArrayLength() > 0 && served.GetArrayLength() > 0)
                {
                    var kind = Kind(recorded[0]);
                    served.EnumerateArray().Should().OnlyContain(e => Kind(e) == kind || (kind == "float" && Kind(e) == "float"), $"{path}[] are {kind}");
                    AssertSame(recorded[0], served[0], $"{path}[0]");
                }

                break;
        }
    }

    private static void AssertMap(JsonElement recorded, JsonElement served, string path)
    {
        served.ValueKind.Should().Be(JsonValueKind.Object, path);
        var kind = recorded.EnumerateObject().Select(p => Kind(p.Value)).FirstOrDefault();
        foreach (var p in served.EnumerateObject())
        {
            int.TryParse(p.Name, out _).Should().BeTrue($"{path} keys are leverage tiers as strings, got '{p.Name}'");
            if (kind is not null)
            {
                Kind(p.Value).Should().Be(kind, $"{path}.{p.Name}");
            }
        }
    }

    /// <summary>The JSON kind, numbers split as Python wrote them: int (no '.', no exponent) or float.</summary>
    public static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetRawText().IndexOfAny(['.', 'e', 'E']) >= 0 ? "float" : "int",
        JsonValueKind.True or JsonValueKind.False => "bool",
        var k => k.ToString(),
    };

    private static string Trim(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length > 80 ? text[..80] + "…" : text;
    }
}
