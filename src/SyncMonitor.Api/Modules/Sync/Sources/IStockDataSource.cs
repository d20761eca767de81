using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Sync.Sources;

[Flags]
public enum SourceCapabilities
{
    None = 0,

    /// <summary>The stock list (code, name, industry, area, board, list date).</summary>
    StockList = 1,

    /// <summary>Fundamentals per trade date (close, pe, pb, market values, shares, turnover).</summary>
    DailyBasic = 2,

    /// <summary>The exchange calendar.</summary>
    TradeCalendar = 4,
}

/// <summary>One market-data source. Every implementation returns normalized records (codes per
/// <see cref="StockCode"/>, market values in 亿元, shares in 万股, dates YYYYMMDD), applies its own timeout,
/// retry with jitter and circuit breaker, and never puts its secrets into exceptions or logs.</summary>
public interface IStockDataSource
{
    /// <summary>Configuration and API name: tushare, akshare, baostock, csv, demo, demo_alt.</summary>
    string Name { get; }

    /// <summary>True for the generated demo data; such data is labelled <c>synthetic: true</c> wherever it is served.</summary>
    bool IsSynthetic { get; }

    SourceCapabilities Capabilities { get; }

    /// <summary>Configured for use (tushare: a token; akshare: an AKTools URL; csv: a file; baostock and demo: switched
    /// on). A disabled source is listed in <c>sources/status</c> but never asked for data.</summary>
    bool Enabled { get; }

    /// <summary>The stock list; fundamentals are filled when the source has them in the same call (AKShare spot,
    /// demo), else left null. <paramref name="progress"/> receives 0..1 while a long fetch runs.</summary>
    Task<IReadOnlyList<StockBasic>> FetchStockListAsync(IProgress<double>? progress, CancellationToken cancellationToken);

    /// <summary>Fundamentals of every stock on one trade date (YYYYMMDD).</summary>
    Task<IReadOnlyList<DailyBasic>> FetchDailyBasicAsync(string tradeDate, CancellationToken cancellationToken);

    /// <summary>Calendar days between two dates (YYYYMMDD, inclusive).</summary>
    Task<IReadOnlyList<TradeDay>> FetchTradeCalendarAsync(string startDate, string endDate, CancellationToken cancellationToken);

    /// <summary>A cheap live check for <c>sources/status</c> and <c>test-sources</c>.</summary>
    Task<SourceProbeResult> ProbeAsync(CancellationToken cancellationToken);
}

public sealed record SourceProbeResult(bool Available, double LatencyMs, string? Error);

/// <summary>Why a source cannot serve right now. <see cref="Kind"/> drives fallback: every kind falls back to the
/// next source; <see cref="SourceFailureKind.Unauthorized"/> is never retried.</summary>
public sealed class SourceUnavailableException(string source, SourceFailureKind kind, string message, Exception? inner = null)
    : Exception($"{source}: {message}", inner)
{
    public string SourceName { get; } = source;

    public SourceFailureKind Kind { get; } = kind;
}

public enum SourceFailureKind
{
    /// <summary>Bad or missing credentials (tushare 40101).</summary>
    Unauthorized,

    /// <summary>Rate limit or insufficient permission (tushare 40203).</summary>
    RateLimited,

    /// <summary>Timeout, connection failure, open circuit.</summary>
    Unreachable,

    /// <summary>The source answered something that is not its protocol (bad frame, bad CRC, unexpected JSON).</summary>
    BadResponse,

    /// <summary>The source does not offer the requested capability.</summary>
    NotSupported,

    /// <summary>Injected by configuration (demo FailureRate).</summary>
    Injected,
}

/// <summary>A source that skips malformed rows while reading (CSV) and says how many it skipped in its last read, so
/// the run counts them in <c>errors</c> and <c>total</c> instead of losing them silently.</summary>
public interface IReportsRejectedRows
{
    /// <summary>Rows skipped by the last read, with up to 100 described (e.g. "line 7: pe is not a number").</summary>
    (int Count, IReadOnlyList<string> Samples) LastRejected { get; }
}

/// <summary>A source whose answers can lack a field it normally delivers (a column an AKShare release renamed or does
/// not have, a field Tushare left out) says so for its last read: the field is stored empty — never as 0 — and the run
/// records each note as a warning ("field unavailable").</summary>
public interface IReportsSourceWarnings
{
    IReadOnlyList<string> LastWarnings { get; }
}
