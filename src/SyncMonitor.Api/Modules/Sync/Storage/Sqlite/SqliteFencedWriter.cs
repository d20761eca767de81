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

    /// <summary>Optional: an <c>UPDATE</c> with the same positional parameters as <see cref="UpsertSql"/> that changes
    /// a stored row only when its indexed columns already hold the new values, and so sets only columns no index
    /// covers (SQLite then leaves every secondary index alone). An update of a row whose indexed values are unchanged
    /// — a warm re-sync — costs one B-tree write instead of one per index. When it changes nothing (new row, indexed
    /// value moved, newer token) the upsert runs as usual.</summary>
    public virtual string? UnindexedUpdateSql => null;

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

    /// <summary><c>UPDATE table SET (columns no index covers), fencing_token = ?(n+1) WHERE key = ?k AND ?(n+1) &gt;=
    /// fencing_token AND indexed IS ?i</c>, every parameter at its <see cref="FencedUpsert"/> position.</summary>
    protected static string UnindexedUpdate(string table, IReadOnlyList<string> columns, int keyCount, IReadOnlySet<string> indexed)
    {
        var token = "?" + (columns.Count + 1);
        var position = columns.Select((c, i) => (Column: c, Parameter: "?" + (i + 1))).ToList();
        return $"UPDATE {table} SET " +
               string.Join(", ", position.Skip(keyCount).Where(c => !indexed.Contains(c.Column)).Select(c => $"{c.Column} = {c.Parameter}").Append("fencing_token = " + token)) +
               " WHERE " + string.Join(" AND ", position.Take(keyCount).Select(c => $"{c.Column} = {c.Parameter}")) +
               $" AND {token} >= fencing_token" +
               string.Concat(position.Skip(keyCount).Where(c => indexed.Contains(c.Column)).Select(c => $" AND {c.Column} IS {c.Parameter}")) + ";";
    }
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

    /// <summary>As <see cref="UpsertAsync{T}"/> for several groups of rows (e.g. trade dates) in one transaction with
    /// one lease check: a page the groups share is written once per commit instead of once per group. Results per
    /// group, in the order given; a stale token writes none of them.</summary>
    public static async Task<IReadOnlyList<UpsertResult>> UpsertGroupsAsync<T>(
        SqliteDatabase database, FencedTable<T> table, IReadOnlyList<IReadOnlyList<T>> groups, long fencingToken, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (await SqliteSyncLeaseStore.CurrentFencingTokenAsync(connection, transaction, cancellationToken) != fencingToken)
        {
            throw new StaleLeaseException(fencingToken);
        }

        var results = groups.Select(rows => Write(connection.Handle!, table, rows, fencingToken, null, cancellationToken)).ToList();
        await transaction.CommitAsync(cancellationToken);
        return results;
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
        using var narrow = table.UnindexedUpdateSql is { } narrowSql ? SqliteRowBinder.Prepare(db, narrowSql) : null;
        var narrowBinder = narrow is null ? null : new SqliteRowBinder(narrow);
        for (var i = 0; i < rows.Count; i++)
        {
            if ((i & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // A stored row whose indexed values are unchanged is updated by the narrow statement; anything else (or
            // a narrow update that changed nothing) by the upsert, which decides inserted, updated or refused.
            var narrowed = narrowBinder is not null && existing.Contains(keys[i])
                && Step(narrowBinder, narrow!, table, rows[i], fencingToken) == raw.SQLITE_DONE && raw.sqlite3_changes(db) == 1;
            var rc = narrowed ? raw.SQLITE_DONE : Step(binder, statement, table, rows[i], fencingToken);

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

    private static int Step<T>(SqliteRowBinder binder, sqlite3_stmt statement, FencedTable<T> table, T row, long fencingToken)
    {
        binder.Reset();
        table.Bind(binder, row);
        binder.Integer(fencingToken);
        return raw.sqlite3_step(statement);
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
