using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorBot.Domain.Liquidations.Heatmap;

/// <summary>
/// JSON options that write doubles as Python's <c>json</c> did (<c>20.0</c>, not <c>20</c>; <c>1e-06</c>, not
/// <c>1E-06</c>), so a float field of the old bodies stays a float for typed parsers on the front end.
/// </summary>
public static class PythonJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Converters = { new PythonDoubleConverter() },
    };

    /// <summary>Python's <c>repr</c> of a finite double.</summary>
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"{value} has no JSON form.");
        }

        // .NET switches to exponent form from 1e15; Python from 1e16.
        if (Math.Abs(value) >= 1e15 && Math.Abs(value) < 1e16)
        {
            return value.ToString("F1", CultureInfo.InvariantCulture);
        }

        var s = value.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E', StringComparison.Ordinal))
        {
            return s.Replace('E', 'e');
        }

        return s.Contains('.', StringComparison.Ordinal) ? s : s + ".0";
    }

    private sealed class PythonDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
            => writer.WriteRawValue(Format(value), skipInputValidation: true);
    }
}
