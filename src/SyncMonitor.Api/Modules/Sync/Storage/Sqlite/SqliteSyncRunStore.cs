using System.Text.Json;
using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

/// <summary>Runs as JSON documents with the filtered and sorted fields as indexed columns.</summary>
internal sealed class SqliteSyncRunStore(SqliteDatabase database) : ISyncRunStore
{
    public async Task InsertAsync(SyncStats run, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenDurableAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            INSERT INTO sync_status (task_id, job, task_type, status, started_at, fencing_token, document)
            VALUES ($task_id, $job, $task_type, $status, $started_at, $fencing_token, $document);
            """);
        await Bind(command, run).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One immediate transaction: the record changes only while it is running under the run's token and that
    /// token is still the lease's; the lease is released in the same commit, so another process never sees the run
    /// ended while its lease still holds.</summary>
    public async Task<bool> FinishAsync(SyncStats final, HeldLease? release, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenDurableAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        int changed;
        await using (var command = connection.CreateCommand("""
            UPDATE sync_status SET status = $status, document = $document
            WHERE task_id = $task_id AND status = 'Running' AND fencing_token = $fencing_token
              AND $fencing_token = (SELECT fencing_token FROM sync_lock WHERE id = $lock_id);
            """, transaction))
        {
            changed = await Bind(command, final).With("$lock_id", SqliteSyncLeaseStore.LockId).ExecuteNonQueryAsync(cancellationToken);
        }

        if (release is not null)
        {
            await SqliteSyncLeaseStore.ReleaseAsync(connection, transaction, release, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed == 1;
    }

    public async Task<SyncStats?> GetAsync(string taskId, CancellationToken cancellationToken)
        => (await QueryAsync("SELECT document FROM sync_status WHERE task_id = $task_id;", c => c.With("$task_id", taskId), cancellationToken))
            .SingleOrDefault();

    public async Task<SyncStats?> GetLatestAsync(IReadOnlyCollection<string>? jobs, CancellationToken cancellationToken)
        => (await QueryAsync(
            jobs is null
                ? "SELECT document FROM sync_status ORDER BY started_at DESC, rowid DESC LIMIT 1;"
                : "SELECT document FROM sync_status WHERE job IN (SELECT value FROM json_each($jobs)) ORDER BY started_at DESC, rowid DESC LIMIT 1;",
            c => c.With("$jobs", JsonSerializer.Serialize(jobs)), cancellationToken)).SingleOrDefault();

    public async Task<(IReadOnlyList<SyncStats> Items, long Total)> ListAsync(SyncRunQuery query, CancellationToken cancellationToken)
    {
        const string Where = "WHERE ($status IS NULL OR status = $status) AND ($task_type IS NULL OR task_type = $task_type) " +
            "AND ($job IS NULL OR job = $job) AND ($from IS NULL OR started_at >= $from)";
        void Filter(SqliteCommand c) => c.With("$status", query.Status?.ToString()).With("$task_type", query.TaskType?.ToString())
            .With("$job", query.Job).With("$from", query.StartedFrom?.ToStoredTime());
        var items = await QueryAsync(
            $"SELECT document FROM sync_status {Where} ORDER BY started_at DESC, rowid DESC LIMIT $limit OFFSET $offset;",
            c =>
            {
                Filter(c);
                c.With("$limit", query.PageSize).With("$offset", (long)(query.Page - 1) * query.PageSize);
            },
            cancellationToken);
        await using var connection = await database.OpenDurableAsync(cancellationToken);
        await using var count = connection.CreateCommand($"SELECT count(*) FROM sync_status {Where};");
        Filter(count);
        return (items, (long)(await count.ExecuteScalarAsync(cancellationToken))!);
    }

    public async Task<IReadOnlyList<SyncStats>> FailOrphanedAsync(long belowFencingToken, string message, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenDurableAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var orphans = new List<SyncStats>();
        await using (var select = connection.CreateCommand(
            "SELECT document FROM sync_status WHERE status = 'Running' AND (fencing_token IS NULL OR fencing_token < $token);", transaction))
        {
            select.With("$token", belowFencingToken);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                orphans.Add(Deserialize(reader.GetString(0)) with { Status = SyncRunStatus.Failed, Message = message, FinishedAt = finishedAt });
            }
        }

        foreach (var orphan in orphans)
        {
            await using var update = connection.CreateCommand(
                "UPDATE sync_status SET status = $status, document = $document WHERE task_id = $task_id AND status = 'Running';", transaction);
            await Bind(update, orphan).ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return orphans;
    }

    private async Task<List<SyncStats>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenDurableAsync(cancellationToken);
        await using var command = connection.CreateCommand(sql);
        bind(command);
        return await command.ReadAllAsync(r => Deserialize(r.GetString(0)), cancellationToken);
    }

    private static SqliteCommand Bind(SqliteCommand command, SyncStats run) => command
        .With("$task_id", run.TaskId)
        .With("$job", run.Job)
        .With("$task_type", run.TaskType.ToString())
        .With("$status", run.Status.ToString())
        .With("$started_at", (run.StartedAt ?? DateTimeOffset.UnixEpoch).ToStoredTime())
        .With("$fencing_token", run.FencingToken)
        .With("$document", JsonSerializer.Serialize(run, JsonSetup.Options));

    private static SyncStats Deserialize(string json) => JsonSerializer.Deserialize<SyncStats>(json, JsonSetup.Options)!;
}
