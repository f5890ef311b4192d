using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorBot.Venues.Simulator.Engine;

/// <summary>Small helpers to write Binance-shaped JSON (decimals as strings, invariant culture).</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string D(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static void WriteDecimal(this Utf8JsonWriter writer, string name, decimal value) => writer.WriteString(name, D(value));
}
