using System.Text;

namespace ActorBot.Hocon.Parsing;

/// <summary>
/// Turns HOCON text into tokens in one linear pass. Comments are dropped here (their terminating
/// newline is kept because newlines separate fields); whitespace is kept because value
/// concatenation preserves the whitespace between simple values.
/// </summary>
internal sealed class HoconTokenizer
{
    private const string ForbiddenInUnquoted = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string _text;
    private readonly string _file;
    private int _index;
    private int _line = 1;
    private int _column = 1;

    public HoconTokenizer(string text, string file)
    {
        _text = text;
        _file = file;
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            // A UTF-8 byte order mark decoded into text; it is not content.
            _index = 1;
        }
    }

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            var token = Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.End)
            {
                return tokens;
            }
        }
    }

    private SourcePosition Here => new(_file, _line, _column);

    private bool AtEnd => _index >= _text.Length;

    private char Peek(int ahead = 0) => _index + ahead < _text.Length ? _text[_index + ahead] : '\0';

    private char Advance()
    {
        var c = _text[_index++];
        if (c == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        return c;
    }

    internal static bool IsHoconWhitespace(char c) =>
        c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.SpaceSeparator);

    private bool StartsComment() => Peek() == '#' || (Peek() == '/' && Peek(1) == '/');

    /// <summary>The next token; after the end of input, <see cref="TokenKind.End"/> again and again.</summary>
    public Token Next()
    {
        if (AtEnd)
        {
            return new Token(TokenKind.End, string.Empty, Here);
        }

        var start = Here;
        var c = Peek();
        if (StartsComment())
        {
            while (!AtEnd && Peek() != '\n')
            {
                Advance();
            }

            return Next();
        }

        if (c == '\n')
        {
            Advance();
            return new Token(TokenKind.Newline, "\n", start);
        }

        if (IsHoconWhitespace(c))
        {
            var from = _index;
            while (!AtEnd && IsHoconWhitespace(Peek()))
            {
                Advance();
            }

            var whitespace = _index - from == 1 && _text[from] == ' ' ? " " : _text[from.._index];
            return new Token(TokenKind.Whitespace, whitespace, start);
        }

        switch (c)
        {
            case '{':
                Advance();
                return new Token(TokenKind.OpenBrace, "{", start);
            case '}':
                Advance();
                return new Token(TokenKind.CloseBrace, "}", start);
            case '[':
                Advance();
                return new Token(TokenKind.OpenBracket, "[", start);
            case ']':
                Advance();
                return new Token(TokenKind.CloseBracket, "]", start);
            case ',':
                Advance();
                return new Token(TokenKind.Comma, ",", start);
            case ':':
            case '=':
                Advance();
                return new Token(TokenKind.Separator, c == ':' ? ":" : "=", start);
            case '+':
                if (Peek(1) == '=')
                {
                    Advance();
                    Advance();
                    return new Token(TokenKind.PlusEquals, "+=", start);
                }

                throw new HoconException("'+' is only allowed as part of '+='", start, "'+=' or a quoted string");
            case '"':
                return Peek(1) == '"' && Peek(2) == '"' ? ReadTripleQuoted(start) : ReadQuoted(start);
            case '$':
                return ReadSubstitution(start);
        }

        if (ForbiddenInUnquoted.Contains(c))
        {
            throw new HoconException($"character '{c}' is not allowed in an unquoted string", start, "a quoted string, or remove the character");
        }

        return ReadUnquoted(start);
    }

    private Token ReadUnquoted(SourcePosition start)
    {
        var from = _index;
        while (!AtEnd)
        {
            var c = Peek();
            if (c == '\n' || IsHoconWhitespace(c) || ForbiddenInUnquoted.Contains(c) || (c == '/' && Peek(1) == '/'))
            {
                break;
            }

            Advance();
        }

        return new Token(TokenKind.UnquotedText, _text[from.._index], start);
    }

    private Token ReadQuoted(SourcePosition start)
    {
        Advance();
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw new HoconException("unterminated quoted string", start, "a closing '\"'");
            }

            var escapePosition = Here;
            var c = Advance();
            if (c == '"')
            {
                return new Token(TokenKind.QuotedString, sb.ToString(), start);
            }

            if (c == '\n')
            {
                throw new HoconException("newline inside a quoted string", start, "a closing '\"' on the same line (use \"\"\" for multi-line strings)");
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (AtEnd)
            {
                throw new HoconException("unterminated escape sequence", escapePosition, "an escape character after '\\'");
            }

            var e = Advance();
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    var code = 0;
                    for (var i = 0; i < 4; i++)
                    {
                        var h = AtEnd ? '\0' : Advance();
                        var digit = Uri.IsHexDigit(h) ? Convert.ToInt32(h.ToString(), 16) : -1;
                        if (digit < 0)
                        {
                            throw new HoconException("malformed \\u escape", escapePosition, "four hexadecimal digits after \\u");
                        }

                        code = (code * 16) + digit;
                    }

                    sb.Append((char)code);
                    break;
                default:
                    throw new HoconException($"invalid escape '\\{e}' in quoted string", escapePosition, "an escape: one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
            }
        }
    }

    private Token ReadTripleQuoted(SourcePosition start)
    {
        Advance();
        Advance();
        Advance();
        var from = _index;
        while (true)
        {
            if (AtEnd)
            {
                throw new HoconException("unterminated triple-quoted string", start, "closing '\"\"\"'");
            }

            if (Peek() == '"' && Peek(1) == '"' && Peek(2) == '"')
            {
                // Extra quotes before the closing three belong to the string ("""a"""" is 'a"').
                var runEnd = _index;
                while (runEnd < _text.Length && _text[runEnd] == '"')
                {
                    runEnd++;
                }

                var contentEnd = runEnd - 3;
                while (_index < runEnd)
                {
                    Advance();
                }

                return new Token(TokenKind.QuotedString, _text[from..contentEnd], start);
            }

            Advance();
        }
    }

    private Token ReadSubstitution(SourcePosition start)
    {
        Advance();
        if (Peek() != '{')
        {
            throw new HoconException("'$' must start a substitution", start, "'${'");
        }

        Advance();
        var optional = false;
        if (Peek() == '?')
        {
            Advance();
            optional = true;
        }

        // The path inside ${...} follows the same rules as a key: quoted and unquoted pieces.
        var pieces = new List<Token>();
        while (true)
        {
            if (AtEnd)
            {
                throw new HoconException("unterminated substitution", start, "'}' closing '${'");
            }

            var c = Peek();
            if (c == '}')
            {
                Advance();
                break;
            }

            if (c == '\n')
            {
                throw new HoconException("newline inside a substitution", Here, "'}' closing '${'");
            }

            var here = Here;
            if (c == '"')
            {
                pieces.Add(Peek(1) == '"' && Peek(2) == '"' ? ReadTripleQuoted(here) : ReadQuoted(here));
            }
            else if (IsHoconWhitespace(c))
            {
                var from = _index;
                while (!AtEnd && IsHoconWhitespace(Peek()))
                {
                    Advance();
                }

                pieces.Add(new Token(TokenKind.Whitespace, _text[from.._index], here));
            }
            else if (ForbiddenInUnquoted.Contains(c) || (c == '/' && Peek(1) == '/'))
            {
                throw new HoconException($"character '{c}' is not allowed in a substitution path", here, "a path such as ${a.b} or ${\"quoted key\"}");
            }
            else
            {
                pieces.Add(ReadUnquoted(here));
            }
        }

        var path = KeyPathBuilder.Build(pieces, start, "substitution");
        return new Token(TokenKind.Substitution, string.Join('.', path), start)
        {
            SubstitutionPath = path,
            Optional = optional,
        };
    }
}
