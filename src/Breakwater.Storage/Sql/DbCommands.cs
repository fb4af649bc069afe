using System.Data;
using System.Data.Common;

namespace Breakwater.Storage.Sql;

/// <summary>Small ADO.NET helpers: commands with typed parameters (typed so that PostgreSQL accepts nulls too).</summary>
internal static class DbCommands
{
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static DbParameter Add(this DbCommand command, string name, DbType type, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static DbParameter AddLong(this DbCommand command, string name, long? value = null) => command.Add(name, DbType.Int64, value);

    public static DbParameter AddText(this DbCommand command, string name, string? value = null) => command.Add(name, DbType.String, value);

    public static DbParameter AddDouble(this DbCommand command, string name, double? value = null) => command.Add(name, DbType.Double, value);

    public static void Set(this DbParameter parameter, object? value) => parameter.Value = value ?? DBNull.Value;

    public static long? NullableLong(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? NullableText(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    public static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
