using System.Text.Json;
using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

/// <summary>The lease as one row of <c>sync_lock</c>. Each operation is one immediate transaction: SQLite lets one
/// writer in at a time across every process sharing the file, so read-check-update cannot interleave. The row is
/// created with the counter at the highest fencing token stored in the data. The moment of an acquisition is read
/// once the transaction holds the write lock (after any <c>busy_timeout</c> wait behind another process's write), so
/// a run's start and its lease's expiry never predate the moment the lease was really held.</summary>
internal sealed class SqliteSyncLeaseStore(SqliteDatabase database, TimeProvider time) : ISyncLeaseStore
{
    internal const string LockId = "global";

    public async Task<LeaseAcquisition> TryAcquireAsync(LeaseClaim claim, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenDurableAsync(cancellationToken);
        // BEGIN IMMEDIATE: the write lock is ours from here until the commit.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var current = await ReadAsync(connection, transaction, cancellationToken);
        if (current is not null && current.IsHeldAt(now))
        {
            return LeaseAcquisition.Busy(current);
        }

        var token = (current?.FencingToken ?? await HighestStoredTokenAsync(connection, transaction, cancellationToken)) + 1;
        await using (var command = connection.CreateCommand("""
            INSERT INTO sync_lock (id, owner_token, fencing_token, expires_at, task, cancel_requested)
            VALUES ($id, $owner, $token, $expires, $task, 0)
            ON CONFLICT(id) DO UPDATE SET owner_token = excluded.owner_token, fencing_token = excluded.fencing_token,
                expires_at = excluded.expires_at, task = excluded.task, cancel_requested = 0;
            """, transaction))
        {
            await command.With("$id", LockId).With("$owner", claim.OwnerToken).With("$token", token)
                .With("$expires", (now + duration).ToStoredTime())
                .With("$task", JsonSerializer.Serialize(claim.Task with { StartTime = now }, JsonSetup.Options))
                .ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var expired = current?.OwnerToken is not null ? current.Task : null;
        return new LeaseAcquisition(new HeldLease(claim.OwnerToken, token, now), null, expired);
    }

    public async Task<bool> RenewAsync(HeldLease lease, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenDurableAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "UPDATE sync_lock SET expires_at = $expires WHERE id = $id AND owner_token = $owner AND fencing_token = $token;");
        var changed = await command.With("$expires", (now + duration).ToStoredTime()).With("$id", LockId)
            .With("$owner", lease.OwnerToken).With("$token", lease.FencingToken).ExecuteNonQueryAsync(cancellationToken);
        return changed == 1;
    }

    public async Task ReleaseAsync(HeldLease lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenDurableAsync(cancellationToken);
        await ReleaseAsync(connection, null, lease, cancellationToken);
    }

    /// <summary>Releases <paramref name="lease"/> inside the caller's transaction (the final record and the release
    /// commit together).</summary>
    internal static async Task ReleaseAsync(SqliteConnection connection, SqliteTransaction? transaction, HeldLease lease, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand("""
            UPDATE sync_lock SET owner_token = NULL, expires_at = NULL, task = NULL, cancel_requested = 0
            WHERE id = $id AND owner_token = $owner AND fencing_token = $token;
            """, transaction);
        await command.With("$id", LockId).With("$owner", lease.OwnerToken).With("$token", lease.FencingToken)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RequestCancelAsync(string taskId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenDurableAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            UPDATE sync_lock SET cancel_requested = 1
            WHERE id = $id AND owner_token IS NOT NULL AND expires_at > $now AND json_extract(task, '$.task_id') = $task;
            """);
        var changed = await command.With("$id", LockId).With("$now", now.ToStoredTime()).With("$task", taskId)
            .ExecuteNonQueryAsync(cancellationToken);
        return changed == 1;
    }

    public async Task<LeaseState?> GetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenDurableAsync(cancellationToken);
        return await ReadAsync(connection, null, cancellationToken);
    }

    /// <summary>The fencing token the lease holds now (for fenced writes in the same transaction).</summary>
    internal static async Task<long> CurrentFencingTokenAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand("SELECT fencing_token FROM sync_lock WHERE id = $id;", transaction);
        return await command.With("$id", LockId).ExecuteScalarAsync(cancellationToken) is long token ? token : 0;
    }

    /// <summary>A lost <c>sync_lock</c> row (deleted, restored from an old backup) must not restart the counter below
    /// tokens the data carries: rows refuse lower writers and rollbacks match runs by token.</summary>
    private static async Task<long> HighestStoredTokenAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand("""
            SELECT max(token) FROM (
                SELECT max(fencing_token) AS token FROM stock_basic_info
                UNION ALL SELECT max(fencing_token) FROM stock_daily_basic
                UNION ALL SELECT max(fencing_token) FROM sync_status);
            """, transaction);
        return await command.ExecuteScalarAsync(cancellationToken) is long token ? token : 0;
    }

    private static async Task<LeaseState?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(
            "SELECT owner_token, fencing_token, expires_at, task, cancel_requested FROM sync_lock WHERE id = $id;", transaction);
        await using var reader = await command.With("$id", LockId).ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var task = reader.GetNullableString(3) is { } json ? JsonSerializer.Deserialize<CurrentTask>(json, JsonSetup.Options) : null;
        return new LeaseState(reader.GetNullableString(0), reader.GetInt64(1), reader.GetNullableStoredTime(2), task, reader.GetInt64(4) == 1);
    }
}
