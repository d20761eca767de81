using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.OperationLogs.Storage;

/// <summary>The embedded store of operation logs.</summary>
internal sealed class SqliteOperationLogStore(SqliteDatabase database) : IOperationLogStore
{
    private const string Columns = "id, user_id, username, action_type, action, details, success, error_message, "
        + "duration_ms, ip_address, user_agent, session_id, timestamp, created_at";

    // Deleting in slices keeps each write transaction short, so the log writer is never blocked for long.
    private const int DeleteSlice = 5000;

    public async Task InsertManyAsync(IReadOnlyList<OperationLog> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        // One prepared statement stepped per entry with positional binds: the writer's cost is SQLite's B-tree work,
        // not ADO.NET's per-execution parameter lookups.
        using (var statement = SqliteRowBinder.Prepare(connection.Handle!,
            $"INSERT OR IGNORE INTO operation_logs ({Columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);"))
        {
            var row = new SqliteRowBinder(statement);
            foreach (var entry in entries)
            {
                row.Reset();
                row.Text(entry.Id).Text(entry.UserId).Text(entry.Username).Text(entry.ActionType).Text(entry.Action)
                    .Text(DetailsJson.Serialize(entry.Details)).Integer(entry.Success ? 1 : 0).Text(entry.ErrorMessage)
                    .Integer(entry.DurationMs).Text(entry.IpAddress).Text(entry.UserAgent).Text(entry.SessionId)
                    .Text(entry.Timestamp.ToStoredTime()).Text(entry.CreatedAt.ToStoredTime())
                    .Execute();
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<OperationLog?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM operation_logs WHERE id = @id;").With("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadEntry(reader) : null;
    }

    public async Task<PagedResult<OperationLog>> ListAsync(OperationLogFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = SqliteOperationLogFilter.Where(filter, command);
        command.CommandText = $"SELECT count(*) FROM operation_logs{where}; "
            + $"SELECT {Columns} FROM operation_logs{where} ORDER BY timestamp DESC LIMIT @limit OFFSET @offset;";
        command.With("@limit", pageSize).With("@offset", (long)(page - 1) * pageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<OperationLog>(Math.Min(pageSize, 200));
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadEntry(reader));
        }

        return new PagedResult<OperationLog>(items, total, page, pageSize);
    }

    public async IAsyncEnumerable<OperationLogExportRow> StreamAsync(
        OperationLogFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = SqliteOperationLogFilter.Where(filter, command);
        command.CommandText = "SELECT timestamp, username, action_type, action, success, duration_ms, ip_address, error_message "
            + $"FROM operation_logs{where} ORDER BY timestamp DESC;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new OperationLogExportRow(
                reader.GetStoredTime(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt64(4) != 0,
                reader.GetNullableInt64(5),
                reader.GetNullableString(6),
                reader.GetNullableString(7));
        }
    }

    public async Task<OperationLogStats> StatsAsync(DateTimeOffset since, int topUsers, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            SELECT count(*), coalesce(sum(success), 0), avg(duration_ms) FROM operation_logs WHERE timestamp >= @since;
            SELECT action_type, count(*) AS n, sum(success) FROM operation_logs WHERE timestamp >= @since
                GROUP BY action_type ORDER BY n DESC, action_type;
            SELECT date(substr(timestamp, 1, 19), '+8 hours') AS day, count(*), sum(success) FROM operation_logs
                WHERE timestamp >= @since GROUP BY day ORDER BY day;
            SELECT user_id, max(username), count(*) AS n FROM operation_logs WHERE timestamp >= @since
                GROUP BY user_id ORDER BY n DESC, user_id LIMIT @top;
            """).With("@since", since.ToStoredTime()).With("@top", topUsers);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (total, success, avg) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetNullableDouble(2));
        var byType = new List<ActionTypeCount>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            byType.Add(new ActionTypeCount(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        var byDay = new List<DayCount>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            byDay.Add(new DayCount(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        var users = new List<UserCount>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(new UserCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return new OperationLogStats(total, success, avg is { } a ? Math.Round(a, 2) : null, byType, byDay, users);
    }

    public Task<long> DeleteAsync(DateTimeOffset before, string? actionType, CancellationToken cancellationToken)
        => DeleteInSlicesAsync(
            actionType is null
                ? "timestamp < @before"
                : "timestamp < @before AND action_type = @action_type",
            command =>
            {
                command.With("@before", before.ToStoredTime());
                if (actionType is not null)
                {
                    command.With("@action_type", actionType);
                }
            },
            cancellationToken);

    public Task<long> DeleteCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
        // created_at >= timestamp, so "timestamp < cutoff" selects a superset through the timestamp index and
        // saves every insert the upkeep of a created_at index.
        => DeleteInSlicesAsync("timestamp < @before AND created_at < @before",
            command => command.With("@before", cutoff.ToStoredTime()), cancellationToken);

    private async Task<long> DeleteInSlicesAsync(string condition, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            $"DELETE FROM operation_logs WHERE rowid IN (SELECT rowid FROM operation_logs WHERE {condition} LIMIT {DeleteSlice});");
        bind(command);
        long removed = 0;
        int slice;
        do
        {
            slice = await command.ExecuteNonQueryAsync(cancellationToken);
            removed += slice;
        }
        while (slice == DeleteSlice);

        return removed;
    }

    private static OperationLog ReadEntry(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        UserId = reader.GetString(1),
        Username = reader.GetString(2),
        ActionType = reader.GetString(3),
        Action = reader.GetString(4),
        Details = DetailsJson.Parse(reader.GetString(5)),
        Success = reader.GetInt64(6) != 0,
        ErrorMessage = reader.GetNullableString(7),
        DurationMs = reader.GetNullableInt64(8),
        IpAddress = reader.GetNullableString(9),
        UserAgent = reader.GetNullableString(10),
        SessionId = reader.GetNullableString(11),
        Timestamp = reader.GetStoredTime(12),
        CreatedAt = reader.GetStoredTime(13),
    };
}
