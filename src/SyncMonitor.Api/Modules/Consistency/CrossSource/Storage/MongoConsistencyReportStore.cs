using MongoDB.Driver;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Storage.Mongo;
using Q = SyncMonitor.Api.Modules.Consistency.CrossSource.Storage.ConsistencyReportMongoQueries;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;

/// <summary>Reports in MongoDB. The per-stock entries are inserted before the report document, so a report that
/// can be read always has all its entries; entries orphaned by a crash in between are removed by retention.</summary>
internal sealed class MongoConsistencyReportStore(MongoDatabaseProvider mongo) : IConsistencyReportStore
{
    private const int InsertBatch = 1000;

    private IMongoCollection<ConsistencyReportDocument> Reports => mongo.Collection<ConsistencyReportDocument>(ConsistencyReportSchema.Reports);

    private IMongoCollection<ConsistencyStockDocument> Stocks => mongo.Collection<ConsistencyStockDocument>(ConsistencyReportSchema.Stocks);

    public async Task SaveAsync(ConsistencyReport report, IReadOnlyList<StockConsistency> stocks, CancellationToken cancellationToken)
    {
        foreach (var batch in stocks.Chunk(InsertBatch))
        {
            await Stocks.InsertManyAsync(batch.Select(s => ConsistencyStockDocument.From(report, s)),
                new InsertManyOptions { IsOrdered = false }, cancellationToken);
        }

        await Reports.InsertOneAsync(ConsistencyReportDocument.From(report), cancellationToken: cancellationToken);
    }

    public async Task<ConsistencyReport?> GetAsync(string id, CancellationToken cancellationToken)
        => (await Reports.Find(Q.ReportById(id)).FirstOrDefaultAsync(cancellationToken))?.ToReport();

    public async Task<PagedResult<ConsistencyReport>> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await Reports.CountDocumentsAsync(FilterDefinition<ConsistencyReportDocument>.Empty, cancellationToken: cancellationToken);
        var items = await Reports.Find(FilterDefinition<ConsistencyReportDocument>.Empty)
            .Sort(Q.NewestReportsFirst)
            .Project<ConsistencyReportDocument>(Q.WithoutCodeLists)
            .Skip((page - 1) * pageSize)
            .Limit(pageSize)
            .ToListAsync(cancellationToken);
        return new PagedResult<ConsistencyReport>(items.Select(d => d.ToReport()).ToList(), total, page, pageSize);
    }

    public async Task<PagedResult<StockConsistency>> ListStocksAsync(string reportId, StockPageQuery query, CancellationToken cancellationToken)
    {
        var filter = Q.StocksOf(reportId, query.OnlyInconsistent);
        var total = await Stocks.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        var items = await Stocks.Find(filter).Sort(Q.ByCode).Skip((query.Page - 1) * query.PageSize).Limit(query.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<StockConsistency>(items.Select(d => d.ToStock()).ToList(), total, query.Page, query.PageSize);
    }

    public async Task<IReadOnlyList<StockConsistency>> GetStocksAsync(string reportId, IReadOnlyCollection<string>? codes, CancellationToken cancellationToken)
    {
        var items = await Stocks.Find(Q.StocksOf(reportId, codes)).Sort(Q.ByCode).ToListAsync(cancellationToken);
        return items.Select(d => d.ToStock()).ToList();
    }

    public async Task<bool> SaveResolutionAsync(
        string reportId, ResolutionRecord record, IReadOnlyDictionary<string, StockResolution> resolutions, CancellationToken cancellationToken)
    {
        var appended = await Reports.UpdateOneAsync(Q.ReportById(reportId), Q.AppendResolution(record), cancellationToken: cancellationToken);
        if (appended.MatchedCount == 0)
        {
            return false;
        }

        foreach (var batch in resolutions.Chunk(InsertBatch))
        {
            await Stocks.BulkWriteAsync(batch.Select(r => Q.SetResolution(reportId, r.Key, r.Value)),
                new BulkWriteOptions { IsOrdered = false }, cancellationToken);
        }

        return true;
    }

    public async Task<ConsistencyVerdict?> GetLatestVerdictAsync(string code, CancellationToken cancellationToken)
        => (await Stocks.Find(Q.VerdictsFor(code)).Sort(Q.NewestVerdictFirst).Limit(1).FirstOrDefaultAsync(cancellationToken))?.ToVerdict();

    public async Task<long> DeleteCheckedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        // The reports go first so none is ever readable without its entries.
        var reports = await Reports.DeleteManyAsync(Q.ReportsCheckedBefore(cutoff), cancellationToken);
        await Stocks.DeleteManyAsync(Q.StocksCheckedBefore(cutoff), cancellationToken);
        return reports.DeletedCount;
    }
}
