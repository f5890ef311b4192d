using System.Text;

namespace ActorBot.Hocon.Parsing;

/// <summary>
/// Builds a path (list of key segments) from the tokens of a key or substitution: dots split
/// unquoted text only, quoted text is taken literally, inner whitespace is kept and outer
/// whitespace is dropped (HOCON.md, "Paths as keys").
/// </summary>
internal static class KeyPathBuilder
{
    public static IReadOnlyList<string> Build(IReadOnlyList<Token> pieces, SourcePosition where, string what)
    {
        if (pieces.Count == 1)
        {
            // The common case: one plain key without dots, or one quoted key.
            var only = pieces[0];
            if (only.Kind == TokenKind.QuotedString || (only.Kind == TokenKind.UnquotedText && !only.Text.Contains('.')))
            {
                return new[] { only.Text };
            }
        }

        var first = 0;
        var last = pieces.Count - 1;
        while (first <= last && pieces[first].Kind == TokenKind.Whitespace)
        {
            first++;
        }

        while (last >= first && pieces[last].Kind == TokenKind.Whitespace)
        {
            last--;
        }

        if (first > last)
        {
            throw new HoconException($"empty {what} path", where, "a key such as a.b or \"a b\"");
        }

        var segments = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        for (var i = first; i <= last; i++)
        {
            var piece = pieces[i];
            if (piece.Kind != TokenKind.UnquotedText)
            {
                current.Append(piece.Text);
                hasContent |= piece.Kind == TokenKind.QuotedString;
                hasContent |= piece.Kind == TokenKind.Whitespace && current.Length > 0;
                continue;
            }

            var text = piece.Text;
            var start = 0;
            for (var j = 0; j < text.Length; j++)
            {
                if (text[j] != '.')
                {
                    continue;
                }

                current.Append(text, start, j - start);
                if (!hasContent && current.Length == 0)
                {
                    throw new HoconException($"{what} path has an empty element", piece.Position, "a key between the dots (quote it: \"\" for an empty key)");
                }

                segments.Add(current.ToString());
                current.Clear();
                hasContent = false;
                start = j + 1;
            }

            current.Append(text, start, text.Length - start);
            hasContent |= text.Length > start;
        }

        if (!hasContent && current.Length == 0)
        {
            throw new HoconException($"{what} path ends with '.'", where, "a key after the last dot");
        }

        segments.Add(current.ToString());
        return segments;
    }
}
