using System.Text;

namespace ActorBot.Hocon.Parsing;

/// <summary>
/// Java .properties files for includes: <c>key=value</c>, <c>key: value</c> or <c>key value</c>,
/// comments with '#' or '!', backslash line continuation and escapes. Dotted keys become paths and
/// all values are strings. When a key is both a value and a parent (<c>a=1</c>, <c>a.b=2</c>) the
/// object wins, as HOCON.md requires.
/// </summary>
internal static class PropertiesParser
{
    public static void ParseInto(string text, string file, AstObject target, IReadOnlyList<string>? targetPath, bool connected)
    {
        var entries = new List<(string[] Path, string Value, SourcePosition Position)>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var position = new SourcePosition(file, i + 1, 1);
            var line = lines[i].TrimStart(' ', '\t', '\f', '\uFEFF');
            if (line.Length == 0 || line[0] == '#' || line[0] == '!')
            {
                continue;
            }

            while (EndsWithContinuation(line) && i + 1 < lines.Length)
            {
                line = line[..^1] + lines[++i].TrimStart(' ', '\t', '\f');
            }

            var (key, value) = Split(line);
            var path = Unescape(key).Split('.');
            if (path.Length > HoconParser.MaxDepth)
            {
                throw new HoconException($"property key nests deeper than {HoconParser.MaxDepth} levels", position, "a shorter key");
            }

            entries.Add((path, Unescape(value), position));
        }

        // Shorter paths first so that a parent path (an object) replaces a plain value.
        foreach (var (path, value, position) in entries.OrderBy(e => e.Path.Length))
        {
            AstNode node = new AstScalar(value, ScalarKind.Quoted, position);
            for (var j = path.Length - 1; j >= 1; j--)
            {
                var wrapper = new AstObject(position);
                wrapper.Set(path[j], node);
                node = wrapper;
            }

            FieldAssigner.Assign(target, targetPath, path[0], node, connected);
        }
    }

    private static bool EndsWithContinuation(string line)
    {
        var backslashes = 0;
        for (var k = line.Length - 1; k >= 0 && line[k] == '\\'; k--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private static (string Key, string Value) Split(string line)
    {
        var k = 0;
        while (k < line.Length)
        {
            var c = line[k];
            if (c == '\\')
            {
                k += 2;
                continue;
            }

            if (c is '=' or ':' or ' ' or '\t' or '\f')
            {
                break;
            }

            k++;
        }

        var key = line[..Math.Min(k, line.Length)];
        var rest = k < line.Length ? line[k..] : string.Empty;
        rest = rest.TrimStart(' ', '\t', '\f');
        if (rest.Length > 0 && (rest[0] == '=' || rest[0] == ':'))
        {
            rest = rest[1..].TrimStart(' ', '\t', '\f');
        }

        return (key, rest);
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\'))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                sb.Append(c);
                continue;
            }

            var e = text[++i];
            switch (e)
            {
                case 't': sb.Append('\t'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 'f': sb.Append('\f'); break;
                case 'u' when i + 4 < text.Length && text.Substring(i + 1, 4).All(Uri.IsHexDigit):
                    sb.Append((char)Convert.ToInt32(text.Substring(i + 1, 4), 16));
                    i += 4;
                    break;
                default: sb.Append(e); break;
            }
        }

        return sb.ToString();
    }
}
