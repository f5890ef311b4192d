using System.Data.Common;

namespace ActorBot.Persistence.Sql;

internal static class DbCommandExtensions
{
    /// <summary>Adds a named parameter; <c>@name</c> works on both Microsoft.Data.Sqlite and Npgsql.</summary>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
