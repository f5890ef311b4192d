using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ActorBot.Persistence.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server started from the local binaries for one test run: temp data dir, free port, unix socket
/// in the temp dir, trust auth on loopback; stopped with <c>pg_ctl stop -m immediate</c> and deleted afterwards.
/// initdb refuses to run as root, so as root the cluster is owned by (and run as) the <c>postgres</c> user.
/// </summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private readonly string _binaries;
    private readonly string _root;
    private readonly string _data;
    private readonly bool _asPostgresUser;
    private int _schemaCounter;

    private ThrowawayPostgres(string binaries)
    {
        _binaries = binaries;
        _root = Path.Combine(Path.GetTempPath(), "actorbot-pg-" + Guid.NewGuid().ToString("N")[..12]);
        _data = Path.Combine(_root, "data");
        _asPostgresUser = Environment.UserName == "root";
        Port = FreePort();
    }

    public int Port { get; }

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=20;Timeout=15";

    public static ThrowawayPostgres Start()
    {
        var binaries = PostgresBinaries.Directory ?? throw new InvalidOperationException(PostgresBinaries.MissingMessage);
        var server = new ThrowawayPostgres(binaries);
        try
        {
            server.Boot();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A fresh schema for one test; the returned connection string uses it as search path.</summary>
    public string CreateIsolatedConnectionString()
    {
        var schema = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _schemaCounter)}_{Guid.NewGuid().ToString("N")[..6]}";
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            command.ExecuteNonQuery();
        }

        return ConnectionString + $";Search Path={schema}";
    }

    public void Dispose()
    {
        if (File.Exists(Path.Combine(_data, "postmaster.pid")))
        {
            Run(Path.Combine(_binaries, "pg_ctl"), ["-D", _data, "stop", "-m", "immediate", "-w"], throwOnFailure: false);
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A straggling server process still writing; the temp dir is left for the OS to clean.
        }
    }

    private void Boot()
    {
        Directory.CreateDirectory(_data);
        if (_asPostgresUser)
        {
            EnsurePostgresUser();
            Run("chown", ["-R", "postgres:", _root], throwOnFailure: true, direct: true);
        }

        Run(Path.Combine(_binaries, "initdb"), ["-D", _data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"], throwOnFailure: true);
        var options = $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on -c synchronous_commit=on";
        Run(Path.Combine(_binaries, "pg_ctl"), ["-D", _data, "-o", options, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start"], throwOnFailure: true);
    }

    private static void EnsurePostgresUser()
    {
        var (code, _) = Exec("id", ["-u", "postgres"]);
        if (code != 0)
        {
            Exec("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
        }
    }

    private void Run(string file, IReadOnlyList<string> args, bool throwOnFailure, bool direct = false)
    {
        var (code, output) = _asPostgresUser && !direct
            ? Exec("runuser", ["-u", "postgres", "--", file, .. args])
            : Exec(file, args);
        if (code != 0 && throwOnFailure)
        {
            var log = Path.Combine(_root, "server.log");
            var tail = File.Exists(log) ? File.ReadAllText(log) : string.Empty;
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed with exit code {code}: {output}\n{tail}");
        }
    }

    private static (int Code, string Output) Exec(string file, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
