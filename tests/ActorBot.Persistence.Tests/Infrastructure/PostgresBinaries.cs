namespace ActorBot.Persistence.Tests.Infrastructure;

/// <summary>Finds the PostgreSQL server binaries (initdb, pg_ctl) in PATH or /usr/lib/postgresql/*/bin.</summary>
public static class PostgresBinaries
{
    public const string MissingMessage =
        "PostgreSQL server binaries (initdb, pg_ctl) not found in PATH or /usr/lib/postgresql/*/bin; install them with `apt-get install -y postgresql` to run the PostgreSQL tests.";

    private static readonly Lazy<string?> Found = new(Locate);

    /// <summary>The directory holding initdb and pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? Directory => Found.Value;

    private static string? Locate()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .ToList();
        if (System.IO.Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d =>
            File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }
}
