using System.Text;

namespace ActorBot.Hocon.Parsing;

internal enum IncludeKind
{
    /// <summary><c>include "name"</c>: a file next to the including file.</summary>
    Heuristic,
    File,
    Classpath,
    Url,
}

/// <summary>An include statement: <c>include [required(] [file|classpath|url(] "name" [)] [)]</c>.</summary>
internal sealed record IncludeSpec(IncludeKind Kind, string Name, bool Required, SourcePosition Position)
{
    private const char Slot = '\u0001';

    public static bool IsQualifierStart(string text) =>
        text.StartsWith("required(", StringComparison.Ordinal)
        || text.StartsWith("file(", StringComparison.Ordinal)
        || text.StartsWith("classpath(", StringComparison.Ordinal)
        || text.StartsWith("url(", StringComparison.Ordinal);

    public static IncludeSpec Parse(IReadOnlyList<Token> tokens, SourcePosition position)
    {
        var shape = new StringBuilder();
        var names = new List<string>();
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case TokenKind.QuotedString:
                    shape.Append(Slot);
                    names.Add(token.Text);
                    break;
                case TokenKind.UnquotedText:
                    shape.Append(token.Text);
                    break;
            }
        }

        const string expected = "include \"file\", include file(\"...\"), include classpath(\"...\"), include url(\"...\") or include required(...)";
        if (names.Count != 1)
        {
            throw new HoconException("malformed include statement", position, expected);
        }

        var text = shape.ToString();
        var required = false;
        if (text.StartsWith("required(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            required = true;
            text = text["required(".Length..^1];
        }

        IncludeKind kind;
        if (text == Slot.ToString())
        {
            kind = IncludeKind.Heuristic;
        }
        else if (Wraps(text, "file("))
        {
            kind = IncludeKind.File;
        }
        else if (Wraps(text, "classpath("))
        {
            kind = IncludeKind.Classpath;
        }
        else if (Wraps(text, "url("))
        {
            kind = IncludeKind.Url;
        }
        else
        {
            throw new HoconException("malformed include statement", position, expected);
        }

        return new IncludeSpec(kind, names[0], required, position);
    }

    private static bool Wraps(string text, string opener) =>
        text.Length == opener.Length + 2 && text.StartsWith(opener, StringComparison.Ordinal) && text[opener.Length] == Slot && text[^1] == ')';
}
