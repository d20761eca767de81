using System.Text.Json;
using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

/// <summary>How one fenced table is written: its key columns, its upsert statement (which must update only when
/// <c>excluded.fencing_token &gt;= fencing_token</c>) and how a row binds to it.</summary>
internal abstract class FencedTable<T>
{
    public abstract string Table { get; }

    public abstract IReadOnlyList<string> KeyColumns { get; }

    /// <summary>An INSERT … ON CONFLICT DO UPDATE … WHERE excluded.fencing_token &gt;= fencing_token, using
    /// <c>$fencing_token</c> and the parameters <see cref="Bind"/> sets.</summary>
    public abstract string UpsertSql { get; }

    public abstract IReadOnlyList<string> KeyOf(T row);

    public abstract void Bind(SqliteCommand command, T row);
}

/// <summary>Runs a batch of row upserts in one immediate transaction that first checks the caller's fencing token
/// against the lease, so a run that lost its lease cannot write. Inserted vs updated comes from which keys existed
/// inside the same transaction. A row that violates a constraint is a row error and the batch goes on (SQLite rolls
/// back only that statement); any other error fails the batch, to be retried by the caller.</summary>
internal static class SqliteFencedWriter
{
    private const int ConstraintViolation = 19;

    public static async Task<UpsertResult> UpsertAsync<T>(
        SqliteDatabase database, FencedTable<T> table, IReadOnlyList<T> rows, long fencingToken, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (await SqliteSyncLeaseStore.CurrentFencingTokenAsync(connection, transaction, cancellationToken) != fencingToken)
        {
            throw new StaleLeaseException(fencingToken);
        }

        var existing = await ExistingKeysAsync(connection, transaction, table, rows, cancellationToken);
        await using var command = connection.CreateCommand(table.UpsertSql, transaction);
        command.Parameters.AddWithValue("$fencing_token", fencingToken);
        long inserted = 0, updated = 0;
        var errors = new List<RowError>();
        foreach (var row in rows)
        {
            var key = string.Join('|', table.KeyOf(row));
            table.Bind(command, row);
            try
            {
                if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    errors.Add(new RowError(key, "refused: a sync with a newer fencing token wrote this row"));
                }
                else if (!existing.Add(key))
                {
                    updated++;
                }
                else
                {
                    inserted++;
                }
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == ConstraintViolation)
            {
                errors.Add(new RowError(key, "constraint violated: " + ex.Message));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new UpsertResult(inserted, updated, errors.Count, errors.Take(100).ToList());
    }

    /// <summary>Sets a named parameter, creating it on first use (one prepared command serves the whole batch).</summary>
    public static void Set(this SqliteCommand command, string name, object? value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }
        else
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    /// <summary>Keys of the batch already stored, looked up through the primary key (a JSON array of key tuples).</summary>
    private static async Task<HashSet<string>> ExistingKeysAsync<T>(
        SqliteConnection connection, SqliteTransaction transaction, FencedTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        var columns = table.KeyColumns;
        var join = string.Join(" AND ", columns.Select((c, i) => $"t.{c} = json_extract(k.value, '$[{i}]')"));
        var select = string.Join(" || '|' || ", columns.Select(c => "t." + c));
        await using var command = connection.CreateCommand(
            $"SELECT {select} FROM json_each($keys) AS k JOIN {table.Table} AS t ON {join};", transaction);
        command.Parameters.AddWithValue("$keys", JsonSerializer.Serialize(rows.Select(table.KeyOf)));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
