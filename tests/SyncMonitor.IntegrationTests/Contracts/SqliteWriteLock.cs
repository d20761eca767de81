using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Contracts;

/// <summary>Another process's write transaction on the same SQLite file: holds the write lock until disposed, so
/// writers (an acquisition, a finish) queue behind it in <c>busy_timeout</c>, as they do behind another instance.</summary>
internal sealed class SqliteWriteLock : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    private SqliteWriteLock(SqliteConnection connection, SqliteTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    public static async Task<IAsyncDisposable> TakeAsync(StoreHarness harness)
    {
        var connection = await harness.Get<SqliteDatabase>().OpenAsync();
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(); // BEGIN IMMEDIATE
        return new SqliteWriteLock(connection, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.CommitAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
