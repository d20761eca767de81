using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Configuration;

namespace SyncMonitor.Api.Common.Storage.Mongo;

/// <summary>The production store. One client per process. At start it asks the server what it is (<c>hello</c>): a
/// replica set gets transactional fenced writes and majority index commit quorums, a standalone server a warning that
/// fencing is weaker there. Indexes declared by modules are then brought in line (<see cref="MongoIndexInitializer"/>).</summary>
public sealed partial class MongoDatabaseProvider : IStoreInitializer, IStoreHealthProbe
{
    private static readonly TimeSpan DefaultServerSelectionTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SkewWarning = TimeSpan.FromSeconds(2);

    private readonly Lazy<(IMongoClient Client, IMongoDatabase Database)> _connection;
    private readonly IEnumerable<MongoIndexSet> _indexSets;
    private readonly TimeProvider _time;
    private readonly ILogger<MongoDatabaseProvider> _logger;
    private Task<MongoTopology>? _topology;

    public MongoDatabaseProvider(
        IOptions<StorageOptions> options, IEnumerable<MongoIndexSet> indexSets, TimeProvider time, ILogger<MongoDatabaseProvider> logger)
    {
        (_indexSets, _time, _logger) = (indexSets, time, logger);
        _connection = new(() =>
        {
            MongoConventions.Register();
            var (settings, database) = Resolve(options.Value.Mongo);
            var client = new MongoClient(settings);
            return (client, client.GetDatabase(database));
        });
    }

    public IMongoClient Client => _connection.Value.Client;

    public IMongoDatabase Database => _connection.Value.Database;

    public IMongoCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    /// <summary>Client settings and database name. What the connection string says wins: a database in its path
    /// over <c>Storage:Mongo:Database</c>, its <c>serverSelectionTimeoutMS</c> over our 10 s default.</summary>
    public static (MongoClientSettings Settings, string Database) Resolve(MongoStorageOptions options)
    {
        var parsed = new ConnectionString(options.ConnectionString);
        var settings = MongoClientSettings.FromConnectionString(options.ConnectionString);
        settings.ServerSelectionTimeout = parsed.ServerSelectionTimeout ?? DefaultServerSelectionTimeout;
        return (settings, string.IsNullOrEmpty(parsed.DatabaseName) ? options.Database : parsed.DatabaseName);
    }

    /// <summary>The deployment's kind, asked once (again after a failed attempt).</summary>
    public Task<MongoTopology> TopologyAsync(CancellationToken cancellationToken)
    {
        var known = _topology;
        if (known is { IsCompletedSuccessfully: true })
        {
            return known;
        }

        return _topology = AskAsync(cancellationToken);

        async Task<MongoTopology> AskAsync(CancellationToken token)
        {
            var hello = await Client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), cancellationToken: token);
            return MongoTopology.FromHello(hello);
        }
    }

    /// <summary>Runs <paramref name="work"/> in a multi-document transaction (majority read and write concern, primary),
    /// retried by the driver on transient transaction errors; <paramref name="work"/> must be safe to run again.</summary>
    public async Task<T> InTransactionAsync<T>(Func<IClientSessionHandle, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var session = await Client.StartSessionAsync(cancellationToken: cancellationToken);
        return await session.WithTransactionAsync(work, TransactionOptions, cancellationToken);
    }

    public static TransactionOptions TransactionOptions { get; } = new(ReadConcern.Majority, ReadPreference.Primary, WriteConcern.WMajority);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var topology = await TopologyAsync(cancellationToken);
        if (!topology.SupportsTransactions)
        {
            LogStandalone(_logger);
        }

        if (topology.ServerTime is { } serverTime && (serverTime - _time.GetUtcNow()).Duration() > SkewWarning)
        {
            LogSkew(_logger, (serverTime - _time.GetUtcNow()).TotalSeconds);
        }

        await new MongoIndexInitializer(Database, topology, _logger).ApplyAsync(_indexSets, cancellationToken);
    }

    public Task PingAsync(CancellationToken cancellationToken)
        => Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MongoDB is a standalone server: fenced sync writes cannot run in a "
        + "transaction with the lease check, so they are re-checked after each batch instead, and a writer that loses its lease "
        + "mid-batch can still overwrite rows. Run MongoDB as a replica set (a single node is enough) for strict fencing.")]
    private static partial void LogStandalone(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This instance's clock differs from the MongoDB server's by {Seconds:F1} s. "
        + "The sync lease is timed by the server's clock; run records and logs use this instance's clock.")]
    private static partial void LogSkew(ILogger logger, double seconds);
}
