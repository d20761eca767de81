using System.Text.Json;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

namespace SyncMonitor.Api.Modules.Consistency.Integrity.Storage;

internal sealed class SqliteIntegrityCheckStore(SqliteDatabase database) : IIntegrityCheckStore
{
    public async Task InsertAsync(IntegrityCheckResult result, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            INSERT INTO integrity_checks (id, type, checked_at, health, completion_rate, document)
            VALUES ($id, $type, $checked_at, $health, $completion_rate, $document);
            """);
        command.With("$id", result.Id).With("$type", result.Type.Name()).With("$checked_at", result.CheckedAt.ToStoredTime())
            .With("$health", result.Health.ToString()).With("$completion_rate", result.CompletionRate)
            .With("$document", JsonSerializer.Serialize(result, JsonSetup.Options));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<IntegrityCheckResult>> ListRecentAsync(IntegrityCheckType type, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "SELECT document FROM integrity_checks WHERE type = $type ORDER BY checked_at DESC, id DESC LIMIT $limit;");
        command.With("$type", type.Name()).With("$limit", limit);
        var results = new List<IntegrityCheckResult>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(JsonSerializer.Deserialize<IntegrityCheckResult>(reader.GetString(0), JsonSetup.Options)!);
        }

        return results;
    }

    public async Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM integrity_checks WHERE checked_at < $cutoff;");
        command.With("$cutoff", cutoff.ToStoredTime());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
