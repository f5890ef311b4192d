using System.Runtime.CompilerServices;

namespace ActorBot.Hocon.Parsing;

/// <summary>
/// Recursive-descent HOCON parser producing an unresolved tree. Duplicate keys are merged as they
/// are read (<see cref="FieldAssigner"/>); substitutions stay in the tree for the resolver.
/// Nesting is bounded by <see cref="MaxDepth"/> so hostile input yields a
/// <see cref="HoconException"/>, never a stack overflow.
/// </summary>
internal sealed class HoconParser
{
    public const int MaxDepth = 128;

    private readonly TokenStream _tokens;
    private readonly string _file;
    private readonly string? _directory;
    private readonly IncludeContext _context;
    private readonly IReadOnlyList<string> _includePrefix;
    private readonly AstObject? _localRoot;
    private readonly List<Token> _keyPieces = new();

    private HoconParser(string text, string file, string? directory, IncludeContext context, IReadOnlyList<string> includePrefix, AstObject? localRoot)
    {
        _localRoot = localRoot;
        _tokens = new TokenStream(new HoconTokenizer(text, file));
        _file = file;
        _directory = directory;
        _context = context;
        _includePrefix = includePrefix;
    }

    /// <summary>
    /// Parses one document into <paramref name="target"/> (which sits at <paramref name="targetPath"/> in
    /// the whole configuration; null when it is not connected to the root, e.g. inside an array).
    /// </summary>
    public static void ParseDocument(
        string text,
        string file,
        string? directory,
        IncludeContext context,
        AstObject target,
        IReadOnlyList<string>? targetPath,
        bool connected)
    {
        // A document included where the path is unknown (an object inside an array) resolves its
        // substitutions against that object first.
        var localRoot = targetPath is null ? target : null;
        var parser = new HoconParser(text, file, directory, context, targetPath ?? Array.Empty<string>(), localRoot);
        parser.ParseRoot(target, targetPath, connected);
    }

    private Token Current => _tokens.Current;

    private void Advance() => _tokens.Advance();

    private void SkipWhitespace()
    {
        while (Current.Kind == TokenKind.Whitespace)
        {
            Advance();
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Current.Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            Advance();
        }
    }

    private HoconException Unexpected(string expected) =>
        new($"unexpected {Current}", Current.Position, expected);

    private void ParseRoot(AstObject target, IReadOnlyList<string>? targetPath, bool connected)
    {
        SkipWhitespaceAndNewlines();
        if (Current.Kind == TokenKind.OpenBracket)
        {
            throw new HoconException("the root of a configuration must be an object, not an array", Current.Position, "'{' or a key");
        }

        if (Current.Kind == TokenKind.OpenBrace)
        {
            Advance();
            ParseFields(target, targetPath, connected, TokenKind.CloseBrace, 1);
            SkipWhitespaceAndNewlines();
            if (Current.Kind != TokenKind.End)
            {
                throw Unexpected("end of input after the root object's closing '}'");
            }

            return;
        }

        ParseFields(target, targetPath, connected, TokenKind.End, 0);
    }

    private void ParseFields(AstObject target, IReadOnlyList<string>? targetPath, bool connected, TokenKind end, int depth)
    {
        var closing = end == TokenKind.CloseBrace ? "'}'" : "end of input";
        while (true)
        {
            SkipWhitespaceAndNewlines();
            if (Current.Kind == end)
            {
                Advance();
                return;
            }

            if (Current.Kind == TokenKind.End)
            {
                throw new HoconException("unexpected end of input inside an object", Current.Position, closing);
            }

            if (IsIncludeStatement())
            {
                ParseInclude(target, targetPath, connected);
            }
            else
            {
                ParseField(target, targetPath, connected, depth);
            }

            SkipWhitespace();
            switch (Current.Kind)
            {
                case TokenKind.Comma:
                    Advance();
                    SkipWhitespaceAndNewlines();
                    if (Current.Kind == TokenKind.Comma)
                    {
                        throw new HoconException("two commas in a row", Current.Position, "a field or " + closing);
                    }

                    break;
                case TokenKind.Newline:
                    break;
                default:
                    if (Current.Kind != end)
                    {
                        throw Unexpected("',' or a newline between fields, or " + closing);
                    }

                    break;
            }
        }
    }

    private void ParseField(AstObject target, IReadOnlyList<string>? targetPath, bool connected, int depth)
    {
        var keyStart = Current.Position;
        var pieces = _keyPieces;
        pieces.Clear();
        while (Current.Kind is TokenKind.QuotedString or TokenKind.UnquotedText or TokenKind.Whitespace)
        {
            pieces.Add(Current);
            Advance();
        }

        if (!pieces.Any(p => p.Kind != TokenKind.Whitespace))
        {
            throw Unexpected("a key (field name)");
        }

        var keyPath = KeyPathBuilder.Build(pieces, keyStart, "key");
        if (keyPath.Count + depth > MaxDepth)
        {
            throw new HoconException($"key path nests deeper than {MaxDepth} levels", keyStart, "a shorter key path");
        }

        SkipWhitespaceAndNewlines();
        var append = false;
        switch (Current.Kind)
        {
            case TokenKind.OpenBrace:
                break;
            case TokenKind.Separator:
                Advance();
                SkipWhitespaceAndNewlines();
                break;
            case TokenKind.PlusEquals:
                append = true;
                Advance();
                SkipWhitespaceAndNewlines();
                break;
            default:
                throw new HoconException(
                    $"key '{HoconPath.Render(keyPath)}' has no value: unexpected {Current}",
                    Current.Position,
                    "':', '=', '+=' or '{' after the key");
        }

        var fieldPath = targetPath is null ? null : Concat(targetPath, keyPath);
        var value = ParseValue(fieldPath, depth);
        if (append)
        {
            // a += b is defined as a = ${?a} [b] (HOCON.md "The += field separator").
            var self = new AstSubstitution(fieldPath ?? (IReadOnlyList<string>)keyPath, true, Array.Empty<string>(), value.Position);
            var wrapped = new AstArray(value.Position);
            wrapped.Items.Add(value);
            value = new AstConcatenation(new List<AstNode> { self, wrapped }, value.Position);
        }

        // a.b.c = v is sugar for a { b { c = v } }.
        for (var i = keyPath.Count - 1; i >= 1; i--)
        {
            var wrapper = new AstObject(keyStart);
            FieldAssigner.Assign(wrapper, null, keyPath[i], value, connected: false);
            value = wrapper;
        }

        FieldAssigner.Assign(target, targetPath, keyPath[0], value, connected);
    }

    private static string[] Concat(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        var result = new string[first.Count + second.Count];
        for (var i = 0; i < first.Count; i++)
        {
            result[i] = first[i];
        }

        for (var i = 0; i < second.Count; i++)
        {
            result[first.Count + i] = second[i];
        }

        return result;
    }

    private static bool EndsValue(TokenKind kind) =>
        kind is TokenKind.Comma or TokenKind.Newline or TokenKind.CloseBrace or TokenKind.CloseBracket or TokenKind.End;

    /// <summary>A value that is one simple token (by far the most common) needs no concatenation list.</summary>
    private AstNode? TryParseSingleTokenValue()
    {
        var token = Current;
        if (token.Kind is not (TokenKind.QuotedString or TokenKind.UnquotedText or TokenKind.Substitution))
        {
            return null;
        }

        var next = _tokens.Peek(1).Kind;
        if (next == TokenKind.Whitespace)
        {
            next = _tokens.Peek(2).Kind;
        }

        if (!EndsValue(next))
        {
            return null;
        }

        Advance();
        return token.Kind switch
        {
            TokenKind.QuotedString => new AstScalar(token.Text, ScalarKind.Quoted, token.Position),
            TokenKind.UnquotedText => new AstScalar(token.Text, ScalarKind.Unquoted, token.Position),
            _ => new AstSubstitution(token.SubstitutionPath!, token.Optional, _includePrefix, token.Position) { LocalRoot = _localRoot },
        };
    }

    private AstNode ParseValue(IReadOnlyList<string>? path, int depth)
    {
        var single = TryParseSingleTokenValue();
        if (single is not null)
        {
            return single;
        }

        var parts = new List<AstNode>();
        var start = Current.Position;
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.QuotedString:
                    parts.Add(new AstScalar(token.Text, ScalarKind.Quoted, token.Position));
                    Advance();
                    continue;
                case TokenKind.UnquotedText:
                    parts.Add(new AstScalar(token.Text, ScalarKind.Unquoted, token.Position));
                    Advance();
                    continue;
                case TokenKind.Whitespace:
                    parts.Add(new AstScalar(token.Text, ScalarKind.Whitespace, token.Position));
                    Advance();
                    continue;
                case TokenKind.Substitution:
                    parts.Add(new AstSubstitution(token.SubstitutionPath!, token.Optional, _includePrefix, token.Position) { LocalRoot = _localRoot });
                    Advance();
                    continue;
                case TokenKind.OpenBrace:
                    EnterNesting(depth, token);
                    Advance();
                    var obj = new AstObject(token.Position);
                    ParseFields(obj, path, false, TokenKind.CloseBrace, depth + 1);
                    parts.Add(obj);
                    continue;
                case TokenKind.OpenBracket:
                    EnterNesting(depth, token);
                    Advance();
                    parts.Add(ParseArray(token.Position, depth + 1));
                    continue;
                case TokenKind.Separator:
                case TokenKind.PlusEquals:
                    throw new HoconException(
                        $"'{token.Text}' is not allowed inside a value",
                        token.Position,
                        "a quoted string if the value contains ':' or '=', or a newline/',' before the next field");
            }

            break;
        }

        while (parts.Count > 0 && parts[^1] is AstScalar { Kind: ScalarKind.Whitespace })
        {
            parts.RemoveAt(parts.Count - 1);
        }

        while (parts.Count > 0 && parts[0] is AstScalar { Kind: ScalarKind.Whitespace })
        {
            parts.RemoveAt(0);
        }

        if (parts.Count == 0)
        {
            throw new HoconException($"missing value: unexpected {Current}", Current.Position, "a value (string, number, object, array or substitution)");
        }

        return parts.Count == 1 ? parts[0] : new AstConcatenation(parts, start);
    }

    private void EnterNesting(int depth, Token token)
    {
        if (depth + 1 > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new HoconException($"objects and arrays nested deeper than {MaxDepth} levels", token.Position, "a flatter structure");
        }
    }

    private AstArray ParseArray(SourcePosition position, int depth)
    {
        var array = new AstArray(position);
        while (true)
        {
            SkipWhitespaceAndNewlines();
            switch (Current.Kind)
            {
                case TokenKind.CloseBracket:
                    Advance();
                    return array;
                case TokenKind.End:
                    throw new HoconException("unexpected end of input inside an array", Current.Position, "']'");
                case TokenKind.Comma:
                case TokenKind.CloseBrace:
                    throw Unexpected("an array element or ']'");
            }

            array.Items.Add(ParseValue(null, depth));
            SkipWhitespace();
            switch (Current.Kind)
            {
                case TokenKind.Comma:
                    Advance();
                    SkipWhitespaceAndNewlines();
                    if (Current.Kind == TokenKind.Comma)
                    {
                        throw new HoconException("two commas in a row", Current.Position, "an array element or ']'");
                    }

                    break;
                case TokenKind.Newline:
                case TokenKind.CloseBracket:
                    break;
                default:
                    throw Unexpected("',' or a newline between array elements, or ']'");
            }
        }
    }

    private bool IsIncludeStatement()
    {
        if (Current.Kind != TokenKind.UnquotedText || Current.Text != "include")
        {
            return false;
        }

        var i = 1;
        if (_tokens.Peek(i).Kind is not (TokenKind.Whitespace or TokenKind.Newline))
        {
            return false;
        }

        // The included name may even be on a later line (the corpus' test03.conf does this).
        while (_tokens.Peek(i).Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            i++;
        }

        var next = _tokens.Peek(i);
        return next.Kind == TokenKind.QuotedString
            || (next.Kind == TokenKind.UnquotedText && IncludeSpec.IsQualifierStart(next.Text));
    }

    private void ParseInclude(AstObject target, IReadOnlyList<string>? targetPath, bool connected)
    {
        var position = Current.Position;
        Advance();
        SkipWhitespaceAndNewlines();
        var spec = IncludeSpec.Parse(ReadIncludeTokens(), position);
        IncludeLoader.Include(spec, _file, _directory, _context, target, targetPath, connected);
    }

    private List<Token> ReadIncludeTokens()
    {
        var tokens = new List<Token>();
        while (Current.Kind is TokenKind.QuotedString or TokenKind.UnquotedText or TokenKind.Whitespace)
        {
            tokens.Add(Current);
            Advance();
        }

        return tokens;
    }
}
