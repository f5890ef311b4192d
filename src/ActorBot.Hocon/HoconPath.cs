using ActorBot.Hocon.Parsing;

namespace ActorBot.Hocon;

/// <summary>Splits a HOCON path expression (<c>a.b."c.d"</c>) into its keys.</summary>
public static class HoconPath
{
    public static IReadOnlyList<string> Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var tokens = new HoconTokenizer(path, "path expression").Tokenize();
        var pieces = new List<Token>();
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case TokenKind.End:
                    break;
                case TokenKind.QuotedString:
                case TokenKind.UnquotedText:
                case TokenKind.Whitespace:
                    pieces.Add(token);
                    break;
                default:
                    throw new HoconException($"invalid path expression '{path}': unexpected {token}", token.Position, "keys separated by '.', quoted where they contain special characters");
            }
        }

        return KeyPathBuilder.Build(pieces, new SourcePosition("path expression", 1, 1), "path expression");
    }

    /// <summary>Renders keys back into a path expression, quoting keys that need it.</summary>
    public static string Render(IEnumerable<string> keys) => string.Join('.', keys.Select(RenderKey));

    public static string RenderKey(string key)
    {
        var plain = key.Length > 0 && key.All(c => char.IsLetterOrDigit(c) || c is '-' or '_');
        return plain ? key : HoconJsonWriter.Quote(key);
    }
}
