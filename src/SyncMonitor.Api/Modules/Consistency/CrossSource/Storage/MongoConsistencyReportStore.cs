using MongoDB.Driver;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Storage.Mongo;
using Q = SyncMonitor.Api.Modules.Consistency.CrossSource.Storage.ConsistencyReportMongoQueries;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;

/// <summary>Reports in MongoDB. On a replica set a report and its entries, and a resolution with its per-stock
/// changes, are written in one transaction. A standalone server has none, so the writes are ordered to leave nothing
/// half-visible: entries before their report (the verdict reader skips entries whose report does not exist; retention
/// removes them), per-stock resolutions before their record (readers show only resolutions the report records).</summary>
internal sealed class MongoConsistencyReportStore(MongoDatabaseProvider mongo) : IConsistencyReportStore
{
    /// <summary>Per-stock resolutions per bulk write.</summary>
    private const int InsertBatch = 1000;

    private IMongoCollection<ConsistencyReportDocument> Reports => mongo.Collection<ConsistencyReportDocument>(ConsistencyReportSchema.Reports);

    private IMongoCollection<ConsistencyStockDocument> Stocks => mongo.Collection<ConsistencyStockDocument>(ConsistencyReportSchema.Stocks);

    public async Task SaveAsync(ConsistencyReport report, IReadOnlyList<StockConsistency> stocks, CancellationToken cancellationToken)
    {
        if (await TransactionsAsync(cancellationToken))
        {
            await mongo.InTransactionAsync(async (session, token) =>
            {
                await InsertAsync(session, report, stocks, token);
                return true;
            }, cancellationToken);
            return;
        }

        await InsertAsync(null, report, stocks, cancellationToken);
    }

    /// <summary>Entries first, the report last: without a transaction a crash in between leaves entries no report
    /// names, which every reader skips (they start from a report, or check it exists) and retention removes.</summary>
    private async Task InsertAsync(IClientSessionHandle? session, ConsistencyReport report, IReadOnlyList<StockConsistency> stocks, CancellationToken cancellationToken)
    {
        // One unordered insertMany: the driver splits it only at the server's limits (maxWriteBatchSize, 100,000
        // documents, and the 48 MB message), so a 5,000-entry report is one round trip, not one per 1,000.
        var options = new InsertManyOptions { IsOrdered = false };
        var documents = stocks.Select(s => ConsistencyStockDocument.From(report, s));
        await (session is null
            ? Stocks.InsertManyAsync(documents, options, cancellationToken)
            : Stocks.InsertManyAsync(session, documents, options, cancellationToken));

        var document = ConsistencyReportDocument.From(report);
        await (session is null
            ? Reports.InsertOneAsync(document, cancellationToken: cancellationToken)
            : Reports.InsertOneAsync(session, document, cancellationToken: cancellationToken));
    }

    private async Task<bool> TransactionsAsync(CancellationToken cancellationToken)
        => (await mongo.TopologyAsync(cancellationToken)).SupportsTransactions;

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
        return new PagedResult<StockConsistency>(await RecordedAsync(reportId, items, cancellationToken), total, query.Page, query.PageSize);
    }

    public async Task<IReadOnlyList<StockConsistency>> GetStocksAsync(string reportId, IReadOnlyCollection<string>? codes, CancellationToken cancellationToken)
        => await RecordedAsync(reportId, await Stocks.Find(Q.StocksOf(reportId, codes)).Sort(Q.ByCode).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>The entries with only the resolutions their report records: without a transaction a resolve writes the
    /// per-stock resolutions before the record, and a crash in between must not leave them showing.</summary>
    private async Task<IReadOnlyList<StockConsistency>> RecordedAsync(string reportId, List<ConsistencyStockDocument> items, CancellationToken cancellationToken)
    {
        if (!items.Any(i => i.Resolution is not null))
        {
            return items.Select(d => d.ToStock()).ToList();
        }

        var report = await Reports.Find(Q.ReportById(reportId)).Project<ConsistencyReportDocument>(Q.ResolutionTimesOnly).FirstOrDefaultAsync(cancellationToken);
        var recorded = report?.Resolutions.Select(r => r.ResolvedAt).ToHashSet() ?? [];
        return items.Select(d => Q.WithRecordedResolution(d, recorded).ToStock()).ToList();
    }

    public async Task<bool> SaveResolutionAsync(
        string reportId, ResolutionRecord record, IReadOnlyDictionary<string, StockResolution> resolutions, CancellationToken cancellationToken)
    {
        if (await TransactionsAsync(cancellationToken))
        {
            return await mongo.InTransactionAsync(async (session, token) =>
            {
                var appended = await Reports.UpdateOneAsync(session, Q.ReportById(reportId), Q.AppendResolution(record), cancellationToken: token);
                if (appended.MatchedCount == 0)
                {
                    return false;
                }

                foreach (var batch in resolutions.Chunk(InsertBatch))
                {
                    await Stocks.BulkWriteAsync(session, batch.Select(r => Q.SetResolution(reportId, r.Key, r.Value)), new BulkWriteOptions { IsOrdered = false }, token);
                }

                return true;
            }, cancellationToken);
        }

        // Per-stock resolutions first, the record last: readers show a resolution only once its record is on the report.
        if (await Reports.CountDocumentsAsync(Q.ReportById(reportId), cancellationToken: cancellationToken) == 0)
        {
            return false;
        }

        foreach (var batch in resolutions.Chunk(InsertBatch))
        {
            await Stocks.BulkWriteAsync(batch.Select(r => Q.SetResolution(reportId, r.Key, r.Value)), new BulkWriteOptions { IsOrdered = false }, cancellationToken);
        }

        return (await Reports.UpdateOneAsync(Q.ReportById(reportId), Q.AppendResolution(record), cancellationToken: cancellationToken)).MatchedCount == 1;
    }

    /// <summary>The newest entry for the code whose report exists: entries a crash left without their report are skipped.</summary>
    public async Task<ConsistencyVerdict?> GetLatestVerdictAsync(string code, CancellationToken cancellationToken)
    {
        const int Page = 8;
        for (var skip = 0; ; skip += Page)
        {
            var entries = await Stocks.Find(Q.VerdictsFor(code)).Sort(Q.NewestVerdictFirst).Skip(skip).Limit(Page).ToListAsync(cancellationToken);
            if (entries.Count == 0)
            {
                return null;
            }

            var reportIds = entries.Select(e => e.ReportId).Distinct().ToList();
            var existing = (await Reports.Find(Q.ReportsByIds(reportIds)).Project(Q.IdOnly).ToListAsync(cancellationToken))
                .Select(r => r["_id"].AsString).ToHashSet(StringComparer.Ordinal);
            if (entries.FirstOrDefault(e => existing.Contains(e.ReportId)) is { } newest)
            {
                return newest.ToVerdict();
            }
        }
    }

    public async Task<long> DeleteCheckedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        // The reports go first so none is ever readable without its entries.
        var reports = await Reports.DeleteManyAsync(Q.ReportsCheckedBefore(cutoff), cancellationToken);
        await Stocks.DeleteManyAsync(Q.StocksCheckedBefore(cutoff), cancellationToken);
        return reports.DeletedCount;
    }
}
