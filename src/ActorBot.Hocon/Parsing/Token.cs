namespace ActorBot.Hocon.Parsing;

/// <summary>
/// One lexical unit. <see cref="Text"/> is the decoded text (escapes applied for quoted strings);
/// substitutions carry their already-split path and whether they are optional (<c>${?x}</c>).
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourcePosition Position)
{
    public IReadOnlyList<string>? SubstitutionPath { get; init; }

    public bool Optional { get; init; }

    public override string ToString() => Kind switch
    {
        TokenKind.QuotedString => $"quoted string \"{Text}\"",
        TokenKind.UnquotedText => $"'{Text}'",
        TokenKind.Substitution => "substitution ${" + Text + "}",
        TokenKind.Newline => "end of line",
        TokenKind.End => "end of input",
        TokenKind.Whitespace => "whitespace",
        _ => $"'{Text}'",
    };
}
