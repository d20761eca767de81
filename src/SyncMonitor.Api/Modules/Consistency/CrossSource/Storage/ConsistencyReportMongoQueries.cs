using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;

/// <summary>The filters, sorts and updates of <see cref="MongoConsistencyReportStore"/>, kept apart so they can be
/// rendered and checked without a server.</summary>
internal static class ConsistencyReportMongoQueries
{
    private static readonly FilterDefinitionBuilder<ConsistencyStockDocument> StockFilter = Builders<ConsistencyStockDocument>.Filter;

    public static FilterDefinition<ConsistencyReportDocument> ReportById(string id)
        => Builders<ConsistencyReportDocument>.Filter.Eq(d => d.Id, id);

    public static SortDefinition<ConsistencyReportDocument> NewestReportsFirst { get; } =
        Builders<ConsistencyReportDocument>.Sort.Descending(d => d.CheckedAt).Descending(d => d.Id);

    /// <summary>The list leaves out the one-sided code lists (up to 10,000 codes each); their counts are in the summary.</summary>
    public static ProjectionDefinition<ConsistencyReportDocument> WithoutCodeLists { get; } =
        Builders<ConsistencyReportDocument>.Projection.Exclude(d => d.OnlyInPrimary).Exclude(d => d.OnlyInSecondary);

    public static FilterDefinition<ConsistencyStockDocument> StocksOf(string reportId, bool onlyInconsistent)
        => onlyInconsistent
            ? StockFilter.Eq(d => d.ReportId, reportId) & StockFilter.Eq(d => d.IsConsistent, false)
            : StockFilter.Eq(d => d.ReportId, reportId);

    public static FilterDefinition<ConsistencyStockDocument> StocksOf(string reportId, IReadOnlyCollection<string>? codes)
        => codes is null
            ? StockFilter.Eq(d => d.ReportId, reportId)
            : StockFilter.Eq(d => d.ReportId, reportId) & StockFilter.In(d => d.Code, codes);

    public static SortDefinition<ConsistencyStockDocument> ByCode { get; } = Builders<ConsistencyStockDocument>.Sort.Ascending(d => d.Code);

    public static FilterDefinition<ConsistencyStockDocument> VerdictsFor(string code) => StockFilter.Eq(d => d.Code, code);

    /// <summary>Matches the (code, checked_at, report_id) index, so the newest verdict is the first index entry.</summary>
    public static SortDefinition<ConsistencyStockDocument> NewestVerdictFirst { get; } =
        Builders<ConsistencyStockDocument>.Sort.Descending(d => d.CheckedAt).Descending(d => d.ReportId);

    public static FilterDefinition<ConsistencyReportDocument> ReportsByIds(IEnumerable<string> ids)
        => Builders<ConsistencyReportDocument>.Filter.In(d => d.Id, ids);

    public static ProjectionDefinition<ConsistencyReportDocument> IdOnly { get; } = Builders<ConsistencyReportDocument>.Projection.Include(d => d.Id);

    public static ProjectionDefinition<ConsistencyReportDocument> ResolutionTimesOnly { get; } =
        Builders<ConsistencyReportDocument>.Projection.Include("resolutions.resolved_at");

    /// <summary>The entry as readers may see it: its resolution only when the report records one made at that time.</summary>
    public static ConsistencyStockDocument WithRecordedResolution(ConsistencyStockDocument entry, IReadOnlySet<DateTimeOffset> recorded)
    {
        if (entry.Resolution is { } resolution && !recorded.Contains(resolution.ResolvedAt))
        {
            entry.Resolution = null;
        }

        return entry;
    }

    public static UpdateDefinition<ConsistencyReportDocument> AppendResolution(ResolutionRecord record)
        => Builders<ConsistencyReportDocument>.Update.Push(d => d.Resolutions, ResolutionRecordDocument.From(record));

    public static UpdateOneModel<ConsistencyStockDocument> SetResolution(string reportId, string code, StockResolution resolution)
        => new(StockFilter.Eq(d => d.Id, ConsistencyStockDocument.IdOf(reportId, code)),
            Builders<ConsistencyStockDocument>.Update.Set(d => d.Resolution, StockResolutionDocument.From(resolution)));

    public static FilterDefinition<ConsistencyReportDocument> ReportsCheckedBefore(DateTimeOffset cutoff)
        => Builders<ConsistencyReportDocument>.Filter.Lt(d => d.CheckedAt, cutoff.CeilingToMillisecond());

    public static FilterDefinition<ConsistencyStockDocument> StocksCheckedBefore(DateTimeOffset cutoff)
        => StockFilter.Lt(d => d.CheckedAt, cutoff.CeilingToMillisecond());
}
