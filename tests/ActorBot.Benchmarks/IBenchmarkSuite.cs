namespace ActorBot.Benchmarks;

/// <summary>One named benchmark suite (<c>actors</c>, <c>hocon</c>, <c>persistence</c>, <c>venue</c>, <c>replay</c>, <c>csv</c>, <c>models</c>, <c>execution</c>, <c>service</c>, <c>liquidations</c>, <c>cluster</c>, <c>rss-floor</c>).</summary>
public interface IBenchmarkSuite
{
    string Name { get; }

    int Run(string[] args);
}
