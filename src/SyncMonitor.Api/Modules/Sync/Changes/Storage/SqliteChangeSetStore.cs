using System.Text.Json;
using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Changes.Storage;

internal sealed class SqliteChangeSetStore(SqliteDatabase database) : IChangeSetStore
{
    public async Task SaveAsync(ChangeSetRecord record, IReadOnlyList<StockChange> entries, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (await SqliteSyncLeaseStore.CurrentFencingTokenAsync(connection, transaction, cancellationToken) != record.FencingToken)
        {
            throw new StaleLeaseException(record.FencingToken);
        }

        await using (var header = connection.CreateCommand("""
            INSERT OR REPLACE INTO sync_change_sets (task_id, source, seen_at, state, fencing_token, document)
            VALUES ($task_id, $source, $seen_at, $state, $fencing_token, $document);
            """, transaction))
        {
            await BindHeader(header, record).ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand(
            "INSERT OR REPLACE INTO sync_changes (task_id, code, name, kinds, fields) VALUES ($task_id, $code, $name, $kinds, $fields);", transaction);
        command.With("$task_id", record.TaskId);
        var (code, name, kinds, fields) = (command.Parameters.Add("$code", SqliteType.Text), command.Parameters.Add("$name", SqliteType.Text),
            command.Parameters.Add("$kinds", SqliteType.Text), command.Parameters.Add("$fields", SqliteType.Text));
        foreach (var entry in entries)
        {
            (code.Value, name.Value) = (entry.Code, entry.Name);
            kinds.Value = "," + string.Join(',', entry.Kinds) + ",";
            fields.Value = JsonSerializer.Serialize(entry.Fields, JsonSetup.Options);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<ChangeSetRecord?> GetAsync(string taskId, CancellationToken cancellationToken)
        => (await ReadHeadersAsync("WHERE task_id = $key", taskId, cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<ChangeSetRecord>> ListBySourceAsync(string source, CancellationToken cancellationToken)
        => await ReadHeadersAsync("WHERE source = $key ORDER BY seen_at DESC", source, cancellationToken);

    public async Task<(IReadOnlyList<StockChange> Items, long Total)> PageAsync(
        string taskId, string? kind, int page, int pageSize, CancellationToken cancellationToken)
    {
        const string Where = "WHERE task_id = $task_id AND ($kind IS NULL OR kinds LIKE '%,' || $kind || ',%')";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            $"SELECT code, name, kinds, fields FROM sync_changes {Where} ORDER BY code LIMIT $limit OFFSET $offset;");
        command.With("$task_id", taskId).With("$kind", kind).With("$limit", pageSize).With("$offset", (long)(page - 1) * pageSize);
        var items = await command.ReadAllAsync(r => new StockChange
        {
            Code = r.GetString(0),
            Name = r.GetString(1),
            Kinds = r.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries),
            Fields = JsonSerializer.Deserialize<List<FieldChange>>(r.GetString(3), JsonSetup.Options) ?? [],
        }, cancellationToken);
        await using var count = connection.CreateCommand($"SELECT count(*) FROM sync_changes {Where};");
        count.With("$task_id", taskId).With("$kind", kind);
        return (items, (long)(await count.ExecuteScalarAsync(cancellationToken))!);
    }

    public async Task<bool> TryMoveAsync(
        string taskId, ChangeSetState from, ChangeSetState to, string by, DateTimeOffset at, string? byTaskId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var current = (await ReadHeadersAsync(connection, transaction, "WHERE task_id = $key", taskId, cancellationToken)).SingleOrDefault();
        if (current is null || current.State != from)
        {
            return false;
        }

        var resolved = current with { State = to, ResolvedBy = by, ResolvedAt = at, ResolvedByTaskId = byTaskId };
        await using var update = connection.CreateCommand(
            "UPDATE sync_change_sets SET state = $state, document = $document WHERE task_id = $task_id AND state = $from;", transaction);
        update.With("$from", from.ToString());
        var changed = await BindHeader(update, resolved).ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed == 1;
    }

    private static SqliteCommand BindHeader(SqliteCommand command, ChangeSetRecord record)
        => command.With("$task_id", record.TaskId).With("$source", record.Source).With("$seen_at", record.SeenAt.ToStoredTime())
            .With("$state", record.State.ToString()).With("$fencing_token", record.FencingToken)
            .With("$document", JsonSerializer.Serialize(record, JsonSetup.Options));

    private async Task<List<ChangeSetRecord>> ReadHeadersAsync(string where, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadHeadersAsync(connection, null, where, key, cancellationToken);
    }

    private static async Task<List<ChangeSetRecord>> ReadHeadersAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string where, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand($"SELECT document FROM sync_change_sets {where};", transaction);
        command.With("$key", key);
        return await command.ReadAllAsync(r => JsonSerializer.Deserialize<ChangeSetRecord>(r.GetString(0), JsonSetup.Options)!, cancellationToken);
    }
}
