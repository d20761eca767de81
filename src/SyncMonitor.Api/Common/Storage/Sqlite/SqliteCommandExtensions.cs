using Microsoft.Data.Sqlite;

namespace SyncMonitor.Api.Common.Storage.Sqlite;

/// <summary>Small helpers that keep SQL parameterized and readers null-safe.</summary>
public static class SqliteCommandExtensions
{
    public static SqliteCommand CreateCommand(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>Runs the query and maps every row.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(this SqliteCommand command, Func<SqliteDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static double? GetNullableDouble(this SqliteDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    public static long? GetNullableInt64(this SqliteDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>Timestamps are stored as ISO-8601 UTC text ("O" format) so they sort and compare as text.</summary>
    /// <remarks>The round-trip format of a UTC <see cref="DateTime"/> is exactly <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>, and
    /// .NET formats it without interpreting a custom pattern (several times faster: audit rows carry two of these).</remarks>
    public static string ToStoredTime(this DateTimeOffset value)
        => value.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset GetStoredTime(this SqliteDataReader reader, int ordinal) => ParseStoredTime(reader.GetString(ordinal));

    /// <summary>Stored times are written in the round-trip format, which parses on a fast path; anything else stored
    /// earlier (another offset, fewer digits) still parses as any ISO-8601 text, assumed UTC when it has no offset.</summary>
    public static DateTimeOffset ParseStoredTime(string text)
    {
        const System.Globalization.DateTimeStyles Utc = System.Globalization.DateTimeStyles.AssumeUniversal
            | System.Globalization.DateTimeStyles.AdjustToUniversal;
        return DateTimeOffset.TryParseExact(text, "O", System.Globalization.CultureInfo.InvariantCulture, Utc, out var parsed)
            ? parsed
            : DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, Utc);
    }

    public static DateTimeOffset? GetNullableStoredTime(this SqliteDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : reader.GetStoredTime(ordinal);
}
