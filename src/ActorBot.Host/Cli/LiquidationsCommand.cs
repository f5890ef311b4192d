using System.CommandLine;
using System.Globalization;
using ActorBot.Domain.Liquidations;
using ActorBot.Domain.Liquidations.Calibration;
using ActorBot.Engine.Configuration;
using ActorBot.Engine.Liquidations;
using ActorBot.Engine.Persistence;
using ActorBot.Hocon;
using ActorBot.Host.Service;
using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Schema;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBot.Host.Cli;

/// <summary>
/// <c>actorbot liquidations import-weights --file F --symbol S [--config C] [--state-dir D] [--force]</c>: imports an old
/// schema-v2 <c>liq_calibrator_weights_{SYM}.json</c> once into the journal of <c>calibrator-{symbol}</c> (moonstream
/// SPEC §6.8, mapped by <see cref="LegacyWeightFile"/>), through the real Akka.Persistence.Sql plugin on the configured
/// journal, so the service's /calibrator starts from it. Existing calibrator state is kept unless <c>--force</c>.
/// Exit 0 imported, 1 refused (state exists) or the journal failed, 2 bad input; one line on stderr.
/// </summary>
public static class LiquidationsCommand
{
    // Recovery and two writes on a loaded machine: seconds; a store that does not answer must not hang the command.
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromSeconds(30);

    public static Command Build()
    {
        var liquidations = new Command("liquidations", "Liquidation-map tools.");
        var file = new Option<string>("--file") { Description = "The old weight file (schema v2), e.g. liq_calibrator_weights_BTC.json.", Required = true };
        var symbol = new Option<string>("--symbol") { Description = "A symbol of actorbot.symbols (BTCUSDT), or its base asset (BTC) when one symbol has it.", Required = true };
        var config = new Option<string?>("--config") { Description = "HOCON file laid over the embedded defaults (symbols, persistence)." };
        var stateDir = new Option<string?>("--state-dir") { Description = "Use the SQLite journal in this directory instead of the configured one." };
        var force = new Option<bool>("--force") { Description = "Replace existing calibrator state." };
        var import = new Command("import-weights", "Import an old calibrator weight file into the calibrator's journal (run with the service stopped).");
        foreach (var option in new Option[] { file, symbol, config, stateDir, force })
        {
            import.Options.Add(option);
        }

        import.SetAction((parse, ct) => ImportAsync(
            parse.GetValue(file)!, parse.GetValue(symbol)!, parse.GetValue(config), parse.GetValue(stateDir), parse.GetValue(force), Console.Out, Console.Error));
        liquidations.Subcommands.Add(import);
        return liquidations;
    }

    public static async Task<int> ImportAsync(string file, string symbol, string? configPath, string? stateDir, bool force, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        const string Command = "actorbot liquidations import-weights";
        string json;
        string serviceSymbol;
        SqlPersistenceOptions persistence;
        try
        {
            var configuration = ServiceConfiguration.Load(configPath);
            serviceSymbol = Resolve(configuration.Config, symbol);
            persistence = stateDir is null
                ? PersistenceSettingsReader.FromConfig(configuration.Config)
                : SqlPersistenceOptions.SqliteFile(Path.Combine(stateDir, SqlPersistenceOptions.DefaultSqliteFileName));
            json = await File.ReadAllTextAsync(file).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HoconException or ConfigurationException or SqlPersistenceConfigurationException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{Command}: {CliExit.OneLine(ex.Message)}").ConfigureAwait(false);
            return CliExit.BadInput;
        }

        var baseAsset = LeverageLadders.BaseOf(serviceSymbol);
        var imported = LegacyWeightFile.Import(json, baseAsset, LeverageLadders.ForBase(baseAsset));
        if (imported.Snapshot is not { } snapshot)
        {
            await error.WriteLineAsync($"{Command}: {file} not imported ({imported.Error}): {CliExit.OneLine(imported.ErrorDetail ?? string.Empty)}").ConfigureAwait(false);
            return CliExit.BadInput;
        }

        // The file names the base asset; the service's calibrator is keyed by its own symbol.
        snapshot = snapshot with { Symbol = serviceSymbol };
        CalibratorImportDone done;
        try
        {
            if (stateDir is not null)
            {
                Directory.CreateDirectory(stateDir);
            }

            await SchemaCreator.CreateAsync(persistence).ConfigureAwait(false);
            done = await WriteAsync(persistence, serviceSymbol, snapshot, force).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Driver and Akka messages name tables and ids, never the connection string.
            await error.WriteLineAsync($"{Command}: cannot write {CalibratorActor.PersistenceIdOf(serviceSymbol)}: {CliExit.OneLine(ex.Message)}").ConfigureAwait(false);
            return CliExit.Failure;
        }

        if (!done.Written)
        {
            await error.WriteLineAsync($"{Command}: not imported: {done.Refusal}.").ConfigureAwait(false);
            return CliExit.Failure;
        }

        await output.WriteAsync(Report(file, serviceSymbol, imported, snapshot)).ConfigureAwait(false);
        return CliExit.Ok;
    }

    /// <summary>The service symbol: as given when configured, else the one configured symbol with that base asset.</summary>
    private static string Resolve(Config config, string symbol)
    {
        var wanted = symbol.Trim().ToUpperInvariant();
        var symbols = config.HasPath("actorbot.symbols")
            ? config.TextList("actorbot.symbols").Select(s => s.Trim().ToUpperInvariant()).ToList()
            : [];
        if (symbols.Contains(wanted, StringComparer.Ordinal))
        {
            return wanted;
        }

        var byBase = symbols.Where(s => string.Equals(LeverageLadders.BaseOf(s), wanted, StringComparison.Ordinal)).ToList();
        return byBase.Count switch
        {
            1 => byBase[0],
            0 => throw new ConfigurationException($"--symbol {wanted} is neither a symbol of actorbot.symbols [{string.Join(", ", symbols)}] nor the base asset of one"),
            _ => throw new ConfigurationException($"--symbol {wanted} is the base asset of several symbols ({string.Join(", ", byBase)}); name one"),
        };
    }

    private static async Task<CalibratorImportDone> WriteAsync(SqlPersistenceOptions persistence, string symbol, CalibratorSnapshot snapshot, bool force)
    {
        var system = ActorSystem.Create("actorbot-import", ActorBotPersistence.SystemSetup(persistence, EnginePersistence.CreateSerializer(),
            ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING")));
        try
        {
            var importer = system.ActorOf(Props.Create(() => new CalibratorImportActor(symbol, snapshot, force)), "calibrator-import");
            return await importer.Ask<CalibratorImportDone>(StartImport.Instance, ImportTimeout).ConfigureAwait(false);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    private static string Report(string file, string symbol, LegacyWeightImport imported, CalibratorSnapshot s)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"imported {Path.GetFileName(file)} into {CalibratorActor.PersistenceIdOf(symbol)}",
            $"file ladder   {string.Join(" ", imported.FileTiers.Zip(imported.FileWeights, (t, w) => string.Create(c, $"{t}x={w:0.####}")))}",
            $"weights       {string.Join(" ", s.Tiers.Zip(s.Weights, (t, w) => string.Create(c, $"{t}x={w:0.####}")))}",
            string.Create(c, $"buffer {s.Buffer:0.######}  tolerance {s.Tolerance}  bias long {s.BiasLong:0.######} short {s.BiasShort:0.######}  calibrations {s.CalibrationCount}  enabled {s.CalibrationEnabled}"),
        };
        lines.AddRange(imported.Notes.Select(n => $"note          {n}"));
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }
}
