using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Configuration;

namespace SyncMonitor.Api.Common.Storage.Sqlite;

/// <summary>The embedded store: one SQLite file in the data directory, WAL journal, schema from every module.</summary>
public sealed class SqliteDatabase(
    IOptions<ServiceOptions> serviceOptions,
    IEnumerable<SqliteSchema> schemas,
    ILogger<SqliteDatabase> logger) : IStoreInitializer, IStoreHealthProbe
{
    public const string FileName = "syncmonitor.db";

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = serviceOptions.Value.DataPath(FileName),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public string FilePath { get; } = serviceOptions.Value.DataPath(FileName);

    /// <summary>Opens a pooled connection with the per-connection pragmas set. Under WAL, <c>synchronous = NORMAL</c>
    /// syncs at checkpoints only: a power cut can lose the last commits (never corrupt the file). That is the trade
    /// for bulk data, which a re-run rewrites; the sync lease and run records use <see cref="OpenDurableAsync"/>.
    /// A 64 MiB page cache and checkpoints every ~40 MiB of WAL let a backfill touch each page once per several
    /// commits instead of reading and rewriting it per commit (the cache fills only as far as a connection reads).</summary>
    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default) => OpenAsync("NORMAL", cancellationToken);

    /// <summary>As <see cref="OpenAsync(CancellationToken)"/> with <c>synchronous = FULL</c>: every commit is on disk
    /// before it returns (the lease's fencing token and the run records must survive a power cut).</summary>
    public Task<SqliteConnection> OpenDurableAsync(CancellationToken cancellationToken = default) => OpenAsync("FULL", cancellationToken);

    private async Task<SqliteConnection> OpenAsync(string synchronous, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // Writers from several processes wait for each other instead of failing at once.
        pragma.CommandText = $"PRAGMA busy_timeout = 10000; PRAGMA synchronous = {synchronous}; PRAGMA foreign_keys = ON; " +
            "PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 10000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        await using var connection = await OpenAsync(cancellationToken);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var schema in schemas)
        {
            foreach (var migration in schema.Migrations ?? [])
            {
                await MigrateAsync(connection, migration, cancellationToken);
            }

            await using var command = connection.CreateCommand();
            command.CommandText = schema.Ddl;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task MigrateAsync(SqliteConnection connection, SqliteMigration migration, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var needed = connection.CreateCommand();
        needed.Transaction = transaction;
        needed.CommandText = migration.Needed;
        if (await needed.ExecuteScalarAsync(cancellationToken) is not long n || n == 0)
        {
            return;
        }

        logger.LogWarning("Migrating the SQLite store: {Migration}", migration.Name);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = migration.Sql;
        command.CommandTimeout = 0; // a large table is copied whole; no other writer can start meanwhile anyway
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1;";
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
