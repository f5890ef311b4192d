namespace ActorBot.Hocon.Parsing;

/// <summary>
/// Tokens on demand with unbounded lookahead. Only the tokens between the parser's position and
/// its furthest lookahead are held, so memory does not grow with the input size.
/// </summary>
internal sealed class TokenStream
{
    private readonly HoconTokenizer _tokenizer;
    private readonly List<Token> _buffer = new();
    private int _head;

    public TokenStream(HoconTokenizer tokenizer)
    {
        _tokenizer = tokenizer;
    }

    public Token Current => Peek(0);

    public Token Peek(int ahead)
    {
        while (_buffer.Count - _head <= ahead)
        {
            if (_buffer.Count > 0 && _buffer[^1].Kind == TokenKind.End)
            {
                return _buffer[^1];
            }

            _buffer.Add(_tokenizer.Next());
        }

        return _buffer[_head + ahead];
    }

    public void Advance()
    {
        if (Peek(0).Kind == TokenKind.End)
        {
            return;
        }

        _head++;
        if (_head == _buffer.Count)
        {
            _buffer.Clear();
            _head = 0;
        }
    }
}
