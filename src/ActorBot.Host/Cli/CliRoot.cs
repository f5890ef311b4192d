using System.CommandLine;

namespace ActorBot.Host.Cli;

/// <summary>Assembles the command tree. Each sub-command lives in its own file and is added here.</summary>
public static class CliRoot
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ActorBot: an actor-based trading service for crypto perpetual futures.");
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(PreflightCommand.Build());
        root.Subcommands.Add(DoctorCommand.Build());
        root.Subcommands.Add(StateCommand.Build());
        root.Subcommands.Add(KillCommand.Build());
        root.Subcommands.Add(ConfigCommand.Build());
        root.Subcommands.Add(ModelCommand.Build());
        root.Subcommands.Add(BookCommand.Build());
        root.Subcommands.Add(SimulateCommand.Build());
        root.Subcommands.Add(ReplayCommand.Build());
        root.Subcommands.Add(ParityCommand.Build());
        root.Subcommands.Add(TelemetryCommand.Build());
        root.Subcommands.Add(LiquidationsCommand.Build());
        root.Subcommands.Add(ClusterCommand.Build());
        return root;
    }
}
