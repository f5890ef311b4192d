namespace ActorBot.Hocon.Parsing;

internal enum TokenKind
{
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    /// <summary>Either ':' or '='; HOCON treats them alike.</summary>
    Separator,
    PlusEquals,
    Newline,
    Whitespace,
    QuotedString,
    UnquotedText,
    Substitution,
    End,
}
