namespace ActorBot.Host.Tests.Cli;

/// <summary>
/// Tests that run README commands in the repository root share its out/ and state/ folders (the README's replay
/// writes out/replay in both), so they run one after another, never in parallel.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RepoRootCommands
{
    public const string Name = "README commands in the repository root";
}
