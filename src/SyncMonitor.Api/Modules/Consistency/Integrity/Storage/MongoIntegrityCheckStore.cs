using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

namespace SyncMonitor.Api.Modules.Consistency.Integrity.Storage;

internal sealed class MongoIntegrityCheckStore : IIntegrityCheckStore
{
    private readonly IMongoCollection<IntegrityCheckResult> _checks;

    public MongoIntegrityCheckStore(MongoDatabaseProvider mongo)
    {
        IntegritySchema.RegisterClassMaps();
        _checks = mongo.Collection<IntegrityCheckResult>(IntegritySchema.Collection);
    }

    public static FilterDefinition<IntegrityCheckResult> OfType(IntegrityCheckType type) => Builders<IntegrityCheckResult>.Filter.Eq(r => r.Type, type);

    public static SortDefinition<IntegrityCheckResult> NewestFirst { get; } =
        Builders<IntegrityCheckResult>.Sort.Descending(r => r.CheckedAt).Descending(r => r.Id);

    public static FilterDefinition<IntegrityCheckResult> CheckedBefore(DateTimeOffset cutoff) => Builders<IntegrityCheckResult>.Filter.Lt(r => r.CheckedAt, cutoff.CeilingToMillisecond());

    public Task InsertAsync(IntegrityCheckResult result, CancellationToken cancellationToken)
        => _checks.InsertOneAsync(result, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<IntegrityCheckResult>> ListRecentAsync(IntegrityCheckType type, int limit, CancellationToken cancellationToken)
        => await _checks.Find(OfType(type)).Sort(NewestFirst).Limit(limit).ToListAsync(cancellationToken);

    public async Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
        => (await _checks.DeleteManyAsync(CheckedBefore(cutoff), cancellationToken)).DeletedCount;
}
