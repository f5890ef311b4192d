using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using ActorBot.Domain.Execution;
using ActorBot.Engine.Bot;
using ActorBot.Engine.Configuration;
using ActorBot.Engine.Persistence;
using ActorBot.Engine.Venues.Execution;
using ActorBot.Engine.Venues.Paper;
using ActorBot.Hocon;
using ActorBot.Host.Service;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Inspection;
using Akka.Configuration;

namespace ActorBot.Host.Cli;

/// <summary>
/// <c>actorbot doctor [--config F] [--db D]</c>: what the service left behind, read-only and without starting an actor
/// (a started execution would run restart-flatten against the venue): the state database and each persistence id's
/// last write and snapshot, the execution journal's open trades and in-doubt orders (its events replayed through the
/// same <see cref="ExecutionState"/> the actor recovers with), the last reconcile drift and the last run's summary.
/// Exit 0 when it could read the state, 1 when it could not, 2 for bad input.
/// </summary>
public static class DoctorCommand
{
    public static Command Build()
    {
        var configOption = new Option<string?>("--config") { Description = "HOCON file laid over the embedded defaults (for actorbot.state-dir)." }.ExistingFile();
        var dbOption = new Option<string?>("--db") { Description = "SQLite file or PostgreSQL connection string (default: {state-dir}/actorbot.db)." };
        var command = new Command("doctor", "Read-only look at the service's state: journal, snapshots, open trades, in-doubt orders, last drift, last summary.");
        command.Options.Add(configOption);
        command.Options.Add(dbOption);
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(configOption), parse.GetValue(dbOption), Console.Out, Console.Error, ct));
        return command;
    }

    public static async Task<int> RunAsync(string? configPath, string? db, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ServiceConfiguration configuration;
        try
        {
            configuration = ServiceConfiguration.Load(configPath);
        }
        catch (HoconException ex)
        {
            await error.WriteLineAsync($"actorbot doctor: configuration error: {CliExit.OneLine(ex.Message)}").ConfigureAwait(false);
            return 2;
        }

        var stateDir = configuration.Config.Text("actorbot.state-dir", "state") ?? "state";
        db ??= Path.Combine(stateDir, "actorbot.db");
        if (!db.Contains('=', StringComparison.Ordinal) && !File.Exists(db))
        {
            await output.WriteLineAsync($"doctor state db: none at {Path.GetFullPath(db)} (the service has not run here, or uses another state dir)").ConfigureAwait(false);
            return 1;
        }

        DbTarget target;
        try
        {
            target = DbTarget.Parse(db);
        }
        catch (SqlPersistenceConfigurationException ex)
        {
            await error.WriteLineAsync($"actorbot doctor: --db {ex.Field} {ex.Problem}.").ConfigureAwait(false);
            return 2;
        }
        catch (ArgumentException ex)
        {
            // The connection-string parser names the field; the value (maybe a password) is never echoed.
            await error.WriteLineAsync($"actorbot doctor: --db is not a usable connection string ({ex.ParamName ?? "format"} missing or malformed).").ConfigureAwait(false);
            return 2;
        }

        try
        {
            var states = await new StateInspector(target.Options).InspectAsync(null, ct).ConfigureAwait(false);
            await output.WriteLineAsync($"doctor state db: {target.Description}, {states.Count} persistence ids, {states.Sum(s => s.EventCount)} live events").ConfigureAwait(false);
            foreach (var s in states)
            {
                var snapshot = s.Snapshots.Count == 0 ? "no snapshot" : $"snapshot at seq {s.Snapshots[^1].SequenceNr} ({Time(s.Snapshots[^1].Created)})";
                await output.WriteLineAsync($"doctor persistence {s.PersistenceId}: seq {s.HighestSequenceNr}, last write {(s.LastWrite is { } w ? Time(w) : "never")}, {snapshot}").ConfigureAwait(false);
            }

            foreach (var pid in states.Select(s => s.PersistenceId).Where(p => p.StartsWith("execution-", StringComparison.Ordinal)))
            {
                await ExecutionAsync(target.Options, pid, output, ct).ConfigureAwait(false);
            }

            // Trade mode paper's execution (/user/venues/{venue}/execution there too) journals under its own id.
            foreach (var pid in states.Select(s => s.PersistenceId).Where(p => p.StartsWith("paper-execution-", StringComparison.Ordinal)))
            {
                await PaperExecutionAsync(target.Options, pid, output, ct).ConfigureAwait(false);
            }
        }
        catch (ArgumentException ex)
        {
            // The driver refused the connection string; it names the field, the value (maybe a password) is never echoed.
            await error.WriteLineAsync($"actorbot doctor: --db is not a usable connection string ({ex.ParamName ?? "format"} missing or malformed).").ConfigureAwait(false);
            return 2;
        }
        catch (DbException ex)
        {
            // The driver's message, never the connection string: no secret leaks.
            await error.WriteLineAsync($"actorbot doctor: cannot read the state of the {target.Description}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        // Every enabled venue's drift file (one venue: the one line it always printed).
        var venues = EnabledVenues(configuration);
        foreach (var venue in venues)
        {
            var driftFile = configuration.Config.Text($"actorbot.venues.{venue}.account.drift-file", "reconcile_drift.jsonl")!;
            await LastLineAsync(Path.Combine(stateDir, driftFile), venues.Count == 1 ? "last drift" : $"last drift {venue}", output).ConfigureAwait(false);
        }

        var summary = Path.Combine(stateDir, "summary.json");
        await output.WriteLineAsync(File.Exists(summary)
            ? $"doctor last summary: {Path.GetFullPath(summary)} ({Time(File.GetLastWriteTimeUtc(summary))})"
            : "doctor last summary: none").ConfigureAwait(false);
        return 0;
    }

    /// <summary>The execution journal replayed as the actor recovers it: open trades (with their brackets) and orders in doubt.</summary>
    private static async Task ExecutionAsync(SqlPersistenceOptions options, string persistenceId, TextWriter output, CancellationToken ct)
    {
        var serializer = EnginePersistence.CreateSerializer();
        var state = ExecutionState.Empty;
        var unreadable = 0;
        foreach (var row in await new JournalReader(options).ReadAsync(persistenceId, ct).ConfigureAwait(false))
        {
            if (row.Manifest is null || serializer.Deserialize(row.Payload, row.Manifest) is not IExecutionEvent e)
            {
                unreadable++;
                continue;
            }

            state = state.Apply(e);
        }

        var open = state.OpenTrades.Where(t => t.OpenQuantity > 0).ToList();
        var inDoubt = state.OpenTrades.Where(t => t.Entry.State is OrderState.InDoubt or OrderState.Sent).ToList();
        await output.WriteLineAsync($"doctor {persistenceId}: {state.Trades.Count} trades journaled, {open.Count} open, {inDoubt.Count} in doubt{(unreadable > 0 ? $", {unreadable} events unreadable" : string.Empty)}").ConfigureAwait(false);
        foreach (var t in open)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  open {t.EventId} {t.Symbol} {t.Direction} {t.OpenQuantity} @ {t.Entry.AveragePrice}, SL {t.StopLoss?.ClientAlgoId ?? "none"} ({t.StopLoss?.Status ?? "-"}), TP {t.TakeProfit?.ClientAlgoId ?? "none"} ({t.TakeProfit?.Status ?? "-"})")).ConfigureAwait(false);
        }

        foreach (var t in inDoubt)
        {
            await output.WriteLineAsync($"  in doubt {t.EventId} {t.Symbol}: entry {t.Entry.ClientOrderId} ({t.Entry.State}); the next start asks the venue by this id").ConfigureAwait(false);
        }
    }

    /// <summary>The paper execution's journal replayed as it recovers it: open paper trades with their brackets, and its totals.</summary>
    private static async Task PaperExecutionAsync(SqlPersistenceOptions options, string persistenceId, TextWriter output, CancellationToken ct)
    {
        var serializer = EnginePersistence.CreateSerializer();
        var book = PaperBook.Empty;
        var unreadable = 0;
        foreach (var row in await new JournalReader(options).ReadAsync(persistenceId, ct).ConfigureAwait(false))
        {
            if (row.Manifest is null || serializer.Deserialize(row.Payload, row.Manifest) is not IPaperExecutionEvent e)
            {
                unreadable++;
                continue;
            }

            book = book.Apply(e);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"doctor {persistenceId}: {book.Fills} paper fills, {book.Closed.Count} closed, {book.Open.Count} open, realised {book.RealizedPnlUsd:+0.00;-0.00;0} USD (paper fills){(unreadable > 0 ? $", {unreadable} events unreadable" : string.Empty)}")).ConfigureAwait(false);
        foreach (var t in book.Open.Values.Select(o => o.Trade))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  open {t.EventId} {t.Symbol} {t.Direction} {t.Quantity} @ {t.EntryPrice}, SL {t.StopTrigger?.ToString(CultureInfo.InvariantCulture) ?? "none"}, TP {t.TakeProfitTrigger?.ToString(CultureInfo.InvariantCulture) ?? "none"}{(t.PendingClose is { } r ? $", closing ({r})" : string.Empty)}")).ConfigureAwait(false);
        }
    }

    private static async Task LastLineAsync(string path, string what, TextWriter output)
    {
        var last = File.Exists(path) ? File.ReadLines(path).LastOrDefault(l => l.Length > 0) : null;
        await output.WriteLineAsync(last is null ? $"doctor {what}: none ({Path.GetFullPath(path)})" : $"doctor {what}: {last}").ConfigureAwait(false);
    }

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The enabled venues (the primary first); a configuration that does not assign its symbols: the default venue.</summary>
    private static IReadOnlyList<string> EnabledVenues(ServiceConfiguration configuration)
    {
        try
        {
            return BotSettings.FromConfig(configuration.Config, Domain.Modes.TradeMode.Shadow).Venues;
        }
        catch (ConfigurationException)
        {
            return [BotSettings.DefaultVenue];
        }
    }
}
