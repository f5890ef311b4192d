using System.Globalization;
using System.Text.Json;

namespace ActorBot.Domain.Telemetry;

/// <summary>The first line that breaks the schema: its 1-based number and what is wrong.</summary>
public sealed record TelemetryViolation(int Line, string Message)
{
    public override string ToString() => $"line {Line.ToString(CultureInfo.InvariantCulture)}: {Message}";
}

/// <summary>What a check found: how many records passed before the first violation (all of them when there is none).</summary>
public sealed record TelemetryCheckResult(int Records, TelemetryViolation? Violation)
{
    public bool Ok => Violation is null;
}

/// <summary>
/// Checks telemetry lines against <see cref="TelemetrySchema"/>, stopping at the first violation: valid JSON, an
/// object, <c>schema_version</c> = 1, a known <c>type</c>, every field of that type present with its JSON type
/// (integers written as integers), <c>ts</c> never decreasing and <c>seq</c> strictly increasing. Blank lines are
/// skipped. Pure: the caller reads the file.
/// </summary>
public static class TelemetryValidator
{
    public static TelemetryCheckResult Validate(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var records = 0;
        var number = 0;
        long? lastTs = null;
        long? lastSeq = null;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var error = Check(line, ref lastTs, ref lastSeq);
            if (error is not null)
            {
                return new TelemetryCheckResult(records, new TelemetryViolation(number, error));
            }

            records++;
        }

        return new TelemetryCheckResult(records, null);
    }

    private static string? Check(string line, ref long? lastTs, ref long? lastSeq)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            return $"invalid JSON: {ex.Message}";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"expected a JSON object, got {Kind(root.ValueKind)}";
            }

            var error = CheckFields(root, TelemetrySchema.Common, null);
            if (error is not null)
            {
                return error;
            }

            var version = root.GetProperty("schema_version").GetInt64();
            if (version != TelemetrySchema.Version)
            {
                return $"schema_version must be {TelemetrySchema.Version}, got {version}";
            }

            var type = root.GetProperty("type").GetString()!;
            if (!TelemetrySchema.Types.TryGetValue(type, out var fields))
            {
                return $"unknown type \"{type}\" (known: {string.Join(", ", TelemetrySchema.Types.Keys)})";
            }

            error = CheckFields(root, fields, type);
            if (error is not null)
            {
                return error;
            }

            var ts = root.GetProperty("ts").GetInt64();
            if (ts < lastTs)
            {
                return $"ts went backwards: {ts} after {lastTs}";
            }

            var seq = root.GetProperty("seq").GetInt64();
            if (seq <= lastSeq)
            {
                return $"seq must increase: {seq} after {lastSeq}";
            }

            lastTs = ts;
            lastSeq = seq;
            return null;
        }
    }

    private static string? CheckFields(JsonElement root, IReadOnlyList<TelemetryField> fields, string? type)
    {
        foreach (var field in fields)
        {
            var of = type is null ? string.Empty : $" (type {type})";
            if (!root.TryGetProperty(field.Name, out var value))
            {
                if (field.Optional)
                {
                    continue;
                }

                return $"missing required field \"{field.Name}\"{of}";
            }

            if (!Matches(value, field))
            {
                return $"field \"{field.Name}\"{of} must be {field.Describe()}, got {Kind(value.ValueKind)} {Excerpt(value)}";
            }
        }

        return null;
    }

    private static bool Matches(JsonElement value, TelemetryField field)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return field.Nullable;
        }

        return field.Type switch
        {
            TelemetryJsonType.String => value.ValueKind == JsonValueKind.String,
            TelemetryJsonType.Integer => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            TelemetryJsonType.Number => value.ValueKind == JsonValueKind.Number,
            TelemetryJsonType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String),
        };
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Excerpt(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 40 ? text : text[..40] + "…";
    }
}
