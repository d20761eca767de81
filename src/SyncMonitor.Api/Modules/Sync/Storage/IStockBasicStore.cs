using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Sync.Storage;

/// <summary><c>stock_basic_info</c>, keyed (code, source). Writes are fenced: a write carrying a fencing token
/// lower than the lease's current one is refused with <see cref="StaleLeaseException"/>, and a row is never
/// overwritten by a write with a lower token than the one that last wrote it.</summary>
public interface IStockBasicStore : IStockBasicReader
{
    Task<UpsertResult> UpsertAsync(IReadOnlyList<StockBasic> rows, long fencingToken, CancellationToken cancellationToken);

    /// <summary>Writes one source's whole list as one fenced write that first reads what the source has stored — the
    /// listed codes' rows, read by the lookup that tells inserts from updates, and the stored codes the list leaves
    /// out — and hands it to <paramref name="writeIf"/> (a change set, a guard); the rows are written only when it
    /// answers true. SQLite: one transaction, so nothing can change between the read and the write. Mongo: the read,
    /// then the fenced bulk write. Every row must carry <paramref name="source"/>.</summary>
    Task<SourceUpsert> UpsertSourceAsync(
        string source,
        IReadOnlyList<StockBasic> rows,
        long fencingToken,
        Func<IReadOnlyList<StockBasic>, Task<bool>> writeIf,
        CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IStockBasicStore.UpsertSourceAsync"/>: what was written, and whether anything
/// was (false when the check said no).</summary>
public sealed record SourceUpsert(UpsertResult Result, bool Written);

/// <summary><c>stock_daily_basic</c>, unique on (code, trade_date, source), fenced like <see cref="IStockBasicStore"/>.</summary>
public interface IDailyBasicStore
{
    Task<UpsertResult> UpsertAsync(IReadOnlyList<DailyBasic> rows, long fencingToken, CancellationToken cancellationToken);

    /// <summary>Rows stored per trade date (YYYYMMDD) in the range, for one source or all when null.</summary>
    Task<IReadOnlyDictionary<string, long>> CountByTradeDateAsync(string startDate, string endDate, string? source, CancellationToken cancellationToken);

    Task<IReadOnlyList<DailyBasic>> ListAsync(string code, string startDate, string endDate, CancellationToken cancellationToken);

    /// <summary>Removes exactly these rows (code, trade_date, source) — when <paramref name="writtenWith"/> is given,
    /// only those still carrying that fencing token (a later sync that rewrote a row keeps it). Returns how many went.</summary>
    Task<long> DeleteAsync(IReadOnlyList<DailyBasicKey> keys, long? writtenWith, CancellationToken cancellationToken);

    /// <summary>Per (trade date, source) among <paramref name="tradeDates"/>: rows stored and their newest
    /// <c>updated_at</c> (integrity checks: output present, output delay). Served by the date-first primary key.</summary>
    Task<IReadOnlyList<DailyBasicDateSummary>> SummarizeTradeDatesAsync(IReadOnlyCollection<string> tradeDates, CancellationToken cancellationToken);

    /// <summary>Per trade date among <paramref name="tradeDates"/>: how many codes are stored by more than one source.
    /// Dates without such codes are absent.</summary>
    Task<IReadOnlyDictionary<string, long>> CountCodesInSeveralSourcesAsync(IReadOnlyCollection<string> tradeDates, CancellationToken cancellationToken);

    /// <summary>The codes stored for one trade date and source, in code order (compensation: keys already present).</summary>
    Task<IReadOnlyList<string>> ListCodesAsync(string tradeDate, string source, CancellationToken cancellationToken);
}

public sealed record DailyBasicKey(string Code, string TradeDate, string Source);

/// <summary>Rows one source has stored for one trade date, and when the newest of them was written.</summary>
public sealed record DailyBasicDateSummary(string TradeDate, string Source, long Rows, DateTimeOffset NewestUpdatedAt);

/// <summary><c>trade_calendar</c>: the exchange calendar cached from the sources.</summary>
public interface ITradeCalendarStore
{
    Task UpsertAsync(IReadOnlyList<TradeDay> days, CancellationToken cancellationToken);

    /// <summary>Stored days in the range (YYYYMMDD inclusive), in date order.</summary>
    Task<IReadOnlyList<TradeDay>> ListAsync(string exchange, string startDate, string endDate, CancellationToken cancellationToken);
}

/// <summary>What a bulk upsert did, from the store's own results. Inserted + Updated + Errors = rows given.</summary>
public sealed record UpsertResult(long Inserted, long Updated, long Errors, IReadOnlyList<RowError> RowErrors)
{
    public static readonly UpsertResult Empty = new(0, 0, 0, []);

    public UpsertResult Add(UpsertResult other) => new(
        Inserted + other.Inserted,
        Updated + other.Updated,
        Errors + other.Errors,
        [.. RowErrors.Take(100), .. other.RowErrors.Take(Math.Max(0, 100 - RowErrors.Count))]);
}

/// <summary>One row that could not be stored (kept for the first 100 per run).</summary>
public sealed record RowError(string Key, string Reason);
