using System.Text.Json;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Consistency.Compensation.Storage;

internal sealed class SqliteCompensationStore(SqliteDatabase database) : ICompensationStore
{
    public Task InsertIfAbsentAsync(CompensationRecord record, CancellationToken cancellationToken)
        => WriteAsync("INSERT INTO compensations (id, status, created_at, document) VALUES ($id, $status, $created_at, $document) ON CONFLICT (id) DO NOTHING;",
            record, cancellationToken);

    public Task SaveAsync(CompensationRecord record, CancellationToken cancellationToken)
        => WriteAsync("""
            INSERT INTO compensations (id, status, created_at, document) VALUES ($id, $status, $created_at, $document)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, document = excluded.document;
            """, record, cancellationToken);

    public async Task<CompensationRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT document FROM compensations WHERE id = $id;");
        command.With("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<CompensationRecord>(json, JsonSetup.Options)
            : null;
    }

    private async Task WriteAsync(string sql, CompensationRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(sql);
        command.With("$id", record.Id).With("$status", record.Status.ToString()).With("$created_at", record.CreatedAt.ToStoredTime())
            .With("$document", JsonSerializer.Serialize(record, JsonSetup.Options));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
