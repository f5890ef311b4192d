using ActorBot.Persistence.Sql;
using ActorBot.Persistence.Sql.Inspection;
using ActorBot.Persistence.Tests.Infrastructure;

namespace ActorBot.Persistence.Tests.Inspection;

public sealed class DbTargetTests
{
    [Fact(DisplayName = "A --db value with Host= is a PostgreSQL connection string, and its description hides the password")]
    public void Postgres_connection_string()
    {
        var target = DbTarget.Parse("Host=db;Username=bot;Password=hunter2");

        target.Options.Provider.Should().Be(SqlProvider.PostgreSql);
        target.Description.Should().NotContain("hunter2");
    }

    [Fact(DisplayName = "A --db path to an existing file is a SQLite database opened without create")]
    public void Sqlite_file()
    {
        using var file = new TempSqliteFile();
        File.WriteAllBytes(file.Path, []);

        var target = DbTarget.Parse(file.Path);

        target.Options.Provider.Should().Be(SqlProvider.Sqlite);
        target.Options.ConnectionString.Should().Contain("Mode=ReadWrite").And.NotContain("ReadWriteCreate");
    }

    [Fact(DisplayName = "A --db path to a missing file is a typed error naming --db and the path")]
    public void Missing_file()
    {
        var act = () => DbTarget.Parse("/nonexistent/state.db");

        act.Should().Throw<SqlPersistenceConfigurationException>()
            .Where(e => e.Field == "--db" && e.Problem.Contains("/nonexistent/state.db"));
    }

    [Fact(DisplayName = "Options with a bad batch size are rejected naming the setting")]
    public void Bad_options()
    {
        var badBatch = () => (SqlPersistenceOptions.SqliteFile("x.db") with { BatchSize = 0 }).Validated();

        badBatch.Should().Throw<SqlPersistenceConfigurationException>().Which.Field.Should().Be("batch-size");
    }
}
