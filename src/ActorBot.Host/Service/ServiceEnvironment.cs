namespace ActorBot.Host.Service;

/// <summary>The service's view of its environment variables (the process's, or one a test injects).</summary>
public sealed record ServiceEnvironment(Func<string, string?> Lookup);
