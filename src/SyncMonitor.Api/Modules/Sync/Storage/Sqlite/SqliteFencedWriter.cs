using Microsoft.Data.Sqlite;
using SQLitePCL;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

/// <summary>How one fenced table is written: its key columns, its upsert statement (which must update only when
/// <c>excluded.fencing_token &gt;= fencing_token</c>) and how a row binds to it.</summary>
internal abstract class FencedTable<T>
{
    public abstract string Table { get; }

    public abstract IReadOnlyList<string> KeyColumns { get; }

    /// <summary>An INSERT … ON CONFLICT DO UPDATE … WHERE excluded.fencing_token &gt;= fencing_token with positional
    /// parameters: <c>?1…?n</c> in the order <see cref="Bind"/> binds them, <c>?(n+1)</c> the fencing token.</summary>
    public abstract string UpsertSql { get; }

    public abstract IReadOnlyList<string> KeyOf(T row);

    public abstract void Bind(SqliteRowBinder binder, T row);

    /// <summary><c>INSERT INTO table (columns, fencing_token) VALUES (?1, …) ON CONFLICT (key) DO UPDATE SET … WHERE
    /// excluded.fencing_token &gt;= table.fencing_token</c>: the non-key columns are overwritten only by a writer whose
    /// token is at least the row's.</summary>
    protected static string FencedUpsert(string table, IReadOnlyList<string> columns, int keyCount)
        => $"INSERT INTO {table} ({string.Join(", ", columns)}, fencing_token) " +
           $"VALUES ({string.Join(", ", Enumerable.Range(1, columns.Count + 1).Select(i => "?" + i))}) " +
           $"ON CONFLICT ({string.Join(", ", columns.Take(keyCount))}) DO UPDATE SET " +
           string.Join(", ", columns.Skip(keyCount).Append("fencing_token").Select(c => $"{c} = excluded.{c}")) +
           $" WHERE excluded.fencing_token >= {table}.fencing_token;";
}

/// <summary>Runs a batch of row upserts in one immediate transaction that first checks the caller's fencing token
/// against the lease, so a run that lost its lease cannot write. Inserted vs updated comes from which keys existed
/// inside the same transaction (one keyed query per batch). A row that violates a constraint is a row error and the
/// batch goes on (SQLite rolls back only that statement); any other error fails the batch, to be retried by the caller.
/// The rows go through one prepared statement stepped synchronously with positional binds (SQLitePCL directly):
/// ADO.NET's per-execution parameter lookup by name and async wrappers cost more than SQLite's own B-tree work.</summary>
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

        var result = Write(connection.Handle!, table, rows, fencingToken, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>As <see cref="UpsertAsync{T}"/>, all rows in one transaction, after <paramref name="readExisting"/> has
    /// read what it needs inside it (after the fencing check) and returned the keys already stored — or null, and
    /// nothing is written.</summary>
    public static async Task<UpsertResult?> UpsertCheckedAsync<T>(
        SqliteDatabase database,
        FencedTable<T> table,
        IReadOnlyList<T> rows,
        long fencingToken,
        Func<sqlite3, Task<HashSet<string>?>> readExisting,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (await SqliteSyncLeaseStore.CurrentFencingTokenAsync(connection, transaction, cancellationToken) != fencingToken)
        {
            throw new StaleLeaseException(fencingToken);
        }

        if (await readExisting(connection.Handle!) is not { } existing)
        {
            return null; // rolled back on dispose: nothing was written
        }

        var result = Write(connection.Handle!, table, rows, fencingToken, existing, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static UpsertResult Write<T>(
        sqlite3 db, FencedTable<T> table, IReadOnlyList<T> rows, long fencingToken, HashSet<string>? existingKeys, CancellationToken cancellationToken)
    {
        var keys = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            keys[i] = string.Join('|', table.KeyOf(rows[i]));
        }

        var existing = existingKeys ?? SqliteExistingKeys.Read(db, table, rows);
        long inserted = 0, updated = 0;
        var errors = new List<RowError>();
        using var statement = SqliteRowBinder.Prepare(db, table.UpsertSql);
        var binder = new SqliteRowBinder(statement);
        for (var i = 0; i < rows.Count; i++)
        {
            if ((i & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            binder.Reset();
            table.Bind(binder, rows[i]);
            binder.Integer(fencingToken);
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_DONE)
            {
                if (raw.sqlite3_changes(db) == 0)
                {
                    errors.Add(new RowError(keys[i], "refused: a sync with a newer fencing token wrote this row"));
                }
                else if (existing.Add(keys[i]))
                {
                    inserted++;
                }
                else
                {
                    updated++;
                }
            }
            else if ((rc & 0xff) == ConstraintViolation)
            {
                errors.Add(new RowError(keys[i], "constraint violated: " + raw.sqlite3_errmsg(db).utf8_to_string()));
            }
            else
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }

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
}
