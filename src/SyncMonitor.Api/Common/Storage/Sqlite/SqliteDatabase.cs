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

    /// <summary>Opens a pooled connection with the per-connection pragmas set.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // Writers from several processes wait for each other instead of failing at once.
        pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
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
