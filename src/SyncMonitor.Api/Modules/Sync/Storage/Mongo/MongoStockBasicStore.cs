using MongoDB.Bson;
using MongoDB.Driver;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Storage.Mongo;

internal sealed class MongoStockBasicStore : IStockBasicStore
{
    private readonly IMongoCollection<BsonDocument> _raw;
    private readonly IMongoCollection<StockBasic> _typed;
    private readonly MongoFencedWriter _writer;
    private readonly MongoBestSourceFlags _bestSource;

    public MongoStockBasicStore(MongoDatabaseProvider mongo, MongoFencedWriter writer, MongoBestSourceFlags bestSource)
    {
        SyncMongoMaps.Register();
        _raw = mongo.Collection<BsonDocument>(SyncMongoMaps.StockBasicInfo);
        _typed = mongo.Collection<StockBasic>(SyncMongoMaps.StockBasicInfo);
        _writer = writer;
        _bestSource = bestSource;
    }

    public static IReadOnlyList<(string Field, string Value)> KeyOf(StockBasic row) => [("code", row.Code), ("source", row.Source)];

    public Task<UpsertResult> UpsertAsync(IReadOnlyList<StockBasic> rows, long fencingToken, CancellationToken cancellationToken)
        => _writer.UpsertAsync(_raw, rows, fencingToken, KeyOf, cancellationToken,
            (session, token) => _bestSource.RefreshAsync(session, rows.Select(r => r.Code), token));

    /// <summary>Without multi-document transactions the read and the write cannot be one: the source's stored rows come
    /// from one query (projected to the compared fields), then the whole list goes as one unordered fenced bulk write
    /// (the driver splits it into server batches). The run's lease keeps other writers of the source out meanwhile.</summary>
    public async Task<SourceUpsert> UpsertSourceAsync(
        string source, IReadOnlyList<StockBasic> rows, long fencingToken, Func<IReadOnlyList<StockBasic>, Task<bool>> writeIf, CancellationToken cancellationToken)
    {
        if (rows.FirstOrDefault(r => r.Source != source) is { } other)
        {
            throw new ArgumentException($"Row {other.Code} carries source {other.Source}, not {source}.", nameof(rows));
        }

        var stored = await _typed.Find(Builders<StockBasic>.Filter.Eq(s => s.Source, source))
            .Project<StockBasic>(Changes.Storage.MongoStockSnapshotReader.Projection).ToListAsync(cancellationToken);
        if (!await writeIf(stored))
        {
            return new SourceUpsert(UpsertResult.Empty, Written: false);
        }

        return new SourceUpsert(await UpsertAsync(rows, fencingToken, cancellationToken), Written: true);
    }

    public async Task<IReadOnlyList<StockBasic>> ListBySourceAsync(string source, IReadOnlyCollection<string>? codes, CancellationToken cancellationToken)
    {
        var filter = Builders<StockBasic>.Filter.Eq(s => s.Source, source);
        if (codes is not null)
        {
            filter &= Builders<StockBasic>.Filter.In(s => s.Code, codes);
        }

        return await _typed.Find(filter).SortBy(s => s.Code).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListSourcesAsync(CancellationToken cancellationToken)
    {
        var sources = await (await _typed.DistinctAsync(s => s.Source, Builders<StockBasic>.Filter.Empty, cancellationToken: cancellationToken))
            .ToListAsync(cancellationToken);
        return sources.Order(StringComparer.Ordinal).ToList();
    }
}
