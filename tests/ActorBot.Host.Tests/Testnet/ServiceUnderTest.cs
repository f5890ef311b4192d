using ActorBot.Venues.Simulator;
using Microsoft.AspNetCore.Builder;

namespace ActorBot.Host.Tests.Testnet;

/// <summary>What the service tests against the local simulator share: the venue keys and the tear-down.</summary>
internal static class ServiceUnderTest
{
    /// <summary>
    /// The host's environment with the simulator's keys (the service reads keys only from the environment it is built
    /// with): tests never set process variables, so they can run side by side.
    /// </summary>
    public static Func<string, string?> WithSimulatorKeys(IReadOnlyDictionary<string, string?>? more = null) => name => name switch
    {
        "BINANCE_API_KEY" => "sim-api-key",
        "BINANCE_API_SECRET" => "sim-api-secret",
        _ => more?.GetValueOrDefault(name),
    };

    /// <summary>Stops the service, then the simulator, releases SQLite's pooled handles and deletes the test's folder.</summary>
    public static async Task StopAsync(WebApplication? app, SimulatorHost? sim, string dir)
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (sim is not null)
        {
            await sim.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }
}
