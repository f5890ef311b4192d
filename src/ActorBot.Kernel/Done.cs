namespace Akka;

/// <summary>The value of a completed unit of work (CoordinatedShutdown tasks).</summary>
public sealed class Done
{
    public static readonly Done Instance = new();

    private Done()
    {
    }
}
