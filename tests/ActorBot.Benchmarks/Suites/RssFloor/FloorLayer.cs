namespace ActorBot.Benchmarks.Suites.RssFloor;

/// <summary>The stack, one mandated package at a time; each layer also does everything of the layers before it.</summary>
public enum FloorLayer
{
    /// <summary>The .NET runtime alone: a console process that waits.</summary>
    Runtime = 0,

    /// <summary>+ ASP.NET Core / Kestrel: the probe's web host with one JSON endpoint, warmed over HTTP.</summary>
    Kestrel = 1,

    /// <summary>+ Akka.NET through Akka.Hosting, a few actors exchanging messages.</summary>
    Akka = 2,

    /// <summary>+ Akka.Persistence.Sql on SQLite (linq2db, LanguageExt, Microsoft.Data.Sqlite), configured as the service does.</summary>
    Persistence = 3,

    /// <summary>+ ONNX Runtime: the bundled registry's sessions, scoring rows.</summary>
    Onnx = 4,
}

public static class FloorLayers
{
    public static IReadOnlyList<FloorLayer> InOrder { get; } = Enum.GetValues<FloorLayer>().Order().ToArray();

    public static string Name(this FloorLayer layer) => layer.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out FloorLayer layer)
    {
        foreach (var candidate in InOrder)
        {
            if (string.Equals(candidate.Name(), text, StringComparison.OrdinalIgnoreCase))
            {
                layer = candidate;
                return true;
            }
        }

        layer = default;
        return false;
    }
}
