using System.Text.Json;
using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

namespace SyncMonitor.Api.Modules.Sync.Changes.Storage;

internal sealed class SqliteStagedRowStore(SqliteDatabase database) : IStagedRowStore
{
    public async Task StageAsync(string taskId, IReadOnlyList<StockBasic> rows, long fencingToken, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (await SqliteSyncLeaseStore.CurrentFencingTokenAsync(connection, transaction, cancellationToken) != fencingToken)
        {
            throw new StaleLeaseException(fencingToken);
        }

        await using var command = connection.CreateCommand(
            "INSERT OR REPLACE INTO stock_basic_staging (task_id, code, document) VALUES ($task_id, $code, $document);", transaction);
        command.With("$task_id", taskId);
        var (code, document) = (command.Parameters.Add("$code", SqliteType.Text), command.Parameters.Add("$document", SqliteType.Text));
        foreach (var row in rows)
        {
            code.Value = row.Code;
            document.Value = JsonSerializer.Serialize(row, JsonSetup.Options);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StockBasic>> ReadAsync(string taskId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT document FROM stock_basic_staging WHERE task_id = $task_id ORDER BY code;");
        command.With("$task_id", taskId);
        return await command.ReadAllAsync(r => JsonSerializer.Deserialize<StockBasic>(r.GetString(0), JsonSetup.Options)!, cancellationToken);
    }

    public async Task<long> DropAsync(string taskId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM stock_basic_staging WHERE task_id = $task_id;");
        return await command.With("$task_id", taskId).ExecuteNonQueryAsync(cancellationToken);
    }
}
