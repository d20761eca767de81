using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Consistency.Compensation.Storage;

internal sealed class MongoCompensationStore : ICompensationStore
{
    private const int DuplicateKey = 11000;

    private readonly IMongoCollection<CompensationRecord> _compensations;

    public MongoCompensationStore(MongoDatabaseProvider mongo)
    {
        CompensationSchema.RegisterClassMaps();
        _compensations = mongo.Collection<CompensationRecord>(CompensationSchema.Collection);
    }

    public static FilterDefinition<CompensationRecord> ById(string id) => Builders<CompensationRecord>.Filter.Eq(r => r.Id, id);

    public async Task InsertIfAbsentAsync(CompensationRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await _compensations.InsertOneAsync(record, cancellationToken: cancellationToken);
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Code == DuplicateKey)
        {
            // The run already wrote its record, which is newer than this first view.
        }
    }

    public Task SaveAsync(CompensationRecord record, CancellationToken cancellationToken)
        => _compensations.ReplaceOneAsync(ById(record.Id), record, new ReplaceOptions { IsUpsert = true }, cancellationToken);

    public async Task<CompensationRecord?> GetAsync(string id, CancellationToken cancellationToken)
        => await _compensations.Find(ById(id)).FirstOrDefaultAsync(cancellationToken);
}
