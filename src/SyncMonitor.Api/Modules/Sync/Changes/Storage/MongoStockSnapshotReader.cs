using MongoDB.Driver;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Sync.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Changes.Storage;

/// <summary>The source's rows through the (code, source) index with a projection of the compared fields.</summary>
internal sealed class MongoStockSnapshotReader : IStockSnapshotReader
{
    private readonly IMongoCollection<StockBasic> _stocks;

    public MongoStockSnapshotReader(MongoDatabaseProvider mongo)
    {
        SyncMongoMaps.Register();
        MongoConventions.Register();
        _stocks = mongo.Collection<StockBasic>(SyncMongoMaps.StockBasicInfo);
    }

    internal static ProjectionDefinition<StockBasic> Projection { get; } = Builders<StockBasic>.Projection
        .Exclude("_id").Include(s => s.Code).Include(s => s.Symbol).Include(s => s.FullSymbol).Include(s => s.Source)
        .Include(s => s.Name).Include(s => s.Area).Include(s => s.Industry).Include(s => s.Market).Include(s => s.ListDate)
        .Include(s => s.UpdatedAt).Include(s => s.Close).Include(s => s.Pe).Include(s => s.PeTtm).Include(s => s.Pb)
        .Include(s => s.Ps).Include(s => s.TotalShare).Include(s => s.FloatShare).Include(s => s.TotalMv).Include(s => s.CircMv);

    public async Task<IReadOnlyList<StockBasic>> ReadAsync(string source, CancellationToken cancellationToken)
        => await _stocks.Find(Builders<StockBasic>.Filter.Eq(s => s.Source, source))
            .Project<StockBasic>(Projection).ToListAsync(cancellationToken);
}
