using SyncMonitor.Api.Common.Http;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;

/// <summary><c>consistency_reports</c> (one record per check) and <c>consistency_report_stocks</c> (one entry per
/// common code of a check, carrying the report's sources and time so the newest verdict per code is one indexed
/// read). Every per-stock entry is kept, consistent ones included: the verdict reader and resolve need them.</summary>
public interface IConsistencyReportStore
{
    /// <summary>Stores a report with its per-stock entries; readers never see the report without its entries.</summary>
    Task SaveAsync(ConsistencyReport report, IReadOnlyList<StockConsistency> stocks, CancellationToken cancellationToken);

    Task<ConsistencyReport?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Reports newest first, with an empty <c>only_in_*</c> list each (the counts are in the summary).</summary>
    Task<PagedResult<ConsistencyReport>> ListAsync(int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>A report's per-stock entries in code order, optionally only the inconsistent ones.</summary>
    Task<PagedResult<StockConsistency>> ListStocksAsync(string reportId, StockPageQuery query, CancellationToken cancellationToken);

    /// <summary>The entries for these codes (all when null), in code order; codes the report does not have are absent.</summary>
    Task<IReadOnlyList<StockConsistency>> GetStocksAsync(string reportId, IReadOnlyCollection<string>? codes, CancellationToken cancellationToken);

    /// <summary>Sets each stock's resolution and appends the record to the report. False when the report is unknown.</summary>
    Task<bool> SaveResolutionAsync(string reportId, ResolutionRecord record, IReadOnlyDictionary<string, StockResolution> resolutions, CancellationToken cancellationToken);

    /// <summary>The newest report's entry for a code (by check time), or null when no report compared it.</summary>
    Task<ConsistencyVerdict?> GetLatestVerdictAsync(string code, CancellationToken cancellationToken);

    /// <summary>Removes reports checked before <paramref name="cutoff"/> with their entries; returns how many reports.</summary>
    Task<long> DeleteCheckedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

public sealed record StockPageQuery(bool OnlyInconsistent, int Page, int PageSize);
