using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Configuration;

namespace SyncMonitor.Api.Common.Storage.Sqlite;

/// <summary>The embedded store: one SQLite file in the data directory, WAL journal, schema from every module.</summary>
public sealed class SqliteDatabase(
    IOptions<ServiceOptions> serviceOptions,
    IEnumerable<SqliteSchema> schemas) : IStoreInitializer, IStoreHealthProbe
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
            await using var command = connection.CreateCommand();
            command.CommandText = schema.Ddl;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1;";
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
