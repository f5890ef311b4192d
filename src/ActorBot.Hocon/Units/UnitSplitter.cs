namespace ActorBot.Hocon.Units;

/// <summary>Splits "10 ms" / "1.5GiB" into the number and the unit (unit may be empty).</summary>
internal static class UnitSplitter
{
    public static (string Number, string Unit) Split(string text)
    {
        var trimmed = text.Trim();
        var end = trimmed.Length;
        while (end > 0 && char.IsLetter(trimmed[end - 1]))
        {
            end--;
        }

        return (trimmed[..end].TrimEnd(), trimmed[end..]);
    }
}
