using System.CommandLine;
using System.Data.Common;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Inspection;

namespace ActorBot.Host.Cli;

/// <summary>
/// <c>actorbot state inspect --db &lt;sqlite file | connection string&gt; [--persistence-id X] [--json]</c>:
/// what the journal and snapshot store hold, read-only.
/// </summary>
public static class StateCommand
{
    public static Command Build()
    {
        var state = new Command("state", "Look at persisted actor state (journal and snapshots).");
        var db = new Option<string>("--db") { Description = "SQLite file, or PostgreSQL connection string (Host=...)", Required = true };
        var persistenceId = new Option<string?>("--persistence-id") { Description = "Only this persistence id" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var inspect = new Command("inspect", "Persistence ids, highest sequence numbers, snapshot times and sizes.");
        inspect.Options.Add(db);
        inspect.Options.Add(persistenceId);
        inspect.Options.Add(json);
        inspect.SetAction(parse => Inspect(parse.GetValue(db)!, parse.GetValue(persistenceId), parse.GetValue(json)));
        state.Subcommands.Add(inspect);
        return state;
    }

    private static int Inspect(string db, string? persistenceId, bool json)
    {
        DbTarget target;
        try
        {
            target = DbTarget.Parse(db);
        }
        catch (SqlPersistenceConfigurationException exception)
        {
            Console.Error.WriteLine($"actorbot state inspect: {exception.Field} {exception.Problem}.");
            return 2;
        }

        try
        {
            var states = new StateInspector(target.Options).InspectAsync(persistenceId).GetAwaiter().GetResult();
            Console.Out.Write(json ? StateReport.ToJson(states) + Environment.NewLine : StateReport.ToTable(states));
            return 0;
        }
        catch (DbException exception)
        {
            // The message comes from the database driver, never from the connection string, so no secret leaks.
            Console.Error.WriteLine($"actorbot state inspect: cannot read the journal/snapshot tables of the {target.Description}: {exception.Message}");
            return 1;
        }
    }
}
