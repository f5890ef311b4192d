namespace ActorBot.Data.MarketData;

/// <summary>A market-data file cannot be read at all (missing, wrong layout). Row-level problems are counted instead.</summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string message)
        : base(message)
    {
    }
}
