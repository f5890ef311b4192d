using System.Globalization;
using System.Text;
using ActorBot.Hocon.Values;

namespace ActorBot.Hocon;

/// <summary>Writes resolved values as JSON (optionally with sorted keys, for stable output and diffs).</summary>
public static class HoconJsonWriter
{
    public static string Write(HoconValue value, bool sortKeys = true, bool indented = true)
    {
        var sb = new StringBuilder();
        WriteValue(sb, value, sortKeys, indented, 0);
        return sb.ToString();
    }

    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        AppendQuoted(sb, text);
        return sb.ToString();
    }

    private static void WriteValue(StringBuilder sb, HoconValue value, bool sortKeys, bool indented, int level)
    {
        switch (value)
        {
            case HoconObject obj:
                if (obj.Count == 0)
                {
                    sb.Append("{}");
                    return;
                }

                sb.Append('{');
                var keys = sortKeys ? obj.Keys.OrderBy(k => k, StringComparer.Ordinal) : obj.Keys;
                var first = true;
                foreach (var key in keys)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    NewLine(sb, indented, level + 1);
                    AppendQuoted(sb, key);
                    sb.Append(indented ? ": " : ":");
                    WriteValue(sb, obj[key], sortKeys, indented, level + 1);
                }

                NewLine(sb, indented, level);
                sb.Append('}');
                return;
            case HoconArray array:
                if (array.Count == 0)
                {
                    sb.Append("[]");
                    return;
                }

                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    NewLine(sb, indented, level + 1);
                    WriteValue(sb, array[i], sortKeys, indented, level + 1);
                }

                NewLine(sb, indented, level);
                sb.Append(']');
                return;
            case HoconScalar scalar:
                switch (scalar.Type)
                {
                    case HoconValueType.Number:
                        sb.Append(scalar.Text);
                        return;
                    case HoconValueType.Boolean:
                    case HoconValueType.Null:
                        sb.Append(scalar.Text);
                        return;
                    default:
                        AppendQuoted(sb, scalar.Text);
                        return;
                }
        }
    }

    private static void NewLine(StringBuilder sb, bool indented, int level)
    {
        if (indented)
        {
            sb.Append('\n').Append(' ', level * 2);
        }
    }

    private static void AppendQuoted(StringBuilder sb, string text)
    {
        sb.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                // A valid pair is written as is; a lone surrogate (possible via a \uD800 escape) is
                // escaped so that the output stays valid UTF-8 JSON.
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb.Append(c).Append(text[++i]);
                }
                else
                {
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }

                continue;
            }

            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
