namespace ActorBot.Domain.Paper;

/// <summary>
/// How the paper venue decides fills (paraphina SPEC §7): <see cref="None"/> never fills,
/// <see cref="Marketable"/> only orders that cross the book, <see cref="Mid"/> everything at mid,
/// <see cref="Always"/> everything at the best price it can find.
/// </summary>
public enum PaperFillMode
{
    None,
    Marketable,
    Mid,
    Always,
}
