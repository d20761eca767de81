using MongoDB.Bson;
using MongoDB.Driver;
using Microsoft.Extensions.Options;

namespace SyncMonitor.Api.Common.Storage.Mongo;

/// <summary>The production store. One client per process; indexes declared by modules are created if absent.</summary>
public sealed partial class MongoDatabaseProvider(
    IOptions<StorageOptions> options,
    IEnumerable<MongoIndexSet> indexSets,
    ILogger<MongoDatabaseProvider> logger) : IStoreInitializer, IStoreHealthProbe
{
    private readonly Lazy<IMongoDatabase> _database = new(() =>
    {
        MongoConventions.Register();
        var settings = MongoClientSettings.FromConnectionString(options.Value.Mongo.ConnectionString);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(10);
        return new MongoClient(settings).GetDatabase(options.Value.Mongo.Database);
    });

    public IMongoDatabase Database => _database.Value;

    public IMongoCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        foreach (var set in indexSets)
        {
            var collection = Database.GetCollection<BsonDocument>(set.Collection);
            var existing = await (await collection.Indexes.ListAsync(cancellationToken)).ToListAsync(cancellationToken);
            foreach (var index in MongoIndexPlanner.Missing(existing, set.Indexes))
            {
                await collection.Indexes.CreateOneAsync(index.ToModel(), cancellationToken: cancellationToken);
                LogIndexCreated(logger, set.Collection, index.Name);
            }
        }
    }

    public Task PingAsync(CancellationToken cancellationToken)
        => Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created index {Index} on {Collection}")]
    private static partial void LogIndexCreated(ILogger logger, string collection, string index);
}
