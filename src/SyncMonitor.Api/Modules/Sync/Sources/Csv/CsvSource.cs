using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.Csv;

/// <summary>Real data offline: a CSV file with the document fields (<see cref="CsvColumns"/>). The stock list is one
/// row per code (the one with the newest trade_date); daily basic for a date is the rows carrying that trade_date.
/// Rejected rows never fail a fetch: they are counted and listed in <see cref="LastImport"/>, which a sync reads
/// after fetching to add them to its errors. The file is parsed again only when it changes.</summary>
internal sealed class CsvSource(IOptions<CsvSourceOptions> options, SourceCallObservers observers, TimeProvider time) : IStockDataSource, IReportsRejectedRows, IDisposable
{
    private readonly CsvSourceOptions _options = options.Value;
    private readonly SourceCallObserver _observer = observers.For(SourceNames.Csv, SecretRedactor.None, ["read", "header"]);
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private (string Path, DateTime WrittenAt, long Length, CsvStockFileContent Content)? _cached;

    public string Name => SourceNames.Csv;

    public bool IsSynthetic => false;

    public SourceCapabilities Capabilities => SourceCapabilities.StockList | SourceCapabilities.DailyBasic;

    public bool Enabled => _options.IsEnabled;

    /// <summary>The report of the newest parse of the file (null before the first fetch).</summary>
    public CsvImportReport? LastImport => _cached?.Content.Report;

    /// <summary>Rejected rows of the whole file (a row too broken to read may have no trade date to filter by).</summary>
    public (int Count, IReadOnlyList<string> Samples) LastRejected => LastImport is { } report
        ? (report.ErrorCount, report.Errors.Take(100).Select(e => $"line {e.Line}: {e.Message}").ToList())
        : (0, []);

    public Task<IReadOnlyList<StockBasic>> FetchStockListAsync(IProgress<double>? progress, CancellationToken cancellationToken)
        => _observer.ObserveAsync("read", async token =>
        {
            var content = await ReadAsync(token);
            var now = time.GetUtcNow();
            progress?.Report(1.0);
            return (IReadOnlyList<StockBasic>)content.Rows
                .GroupBy(row => row.Code.Code)
                .Select(rows => rows.OrderByDescending(row => row.TradeDate, StringComparer.Ordinal).First().ToStockBasic(now))
                .ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<DailyBasic>> FetchDailyBasicAsync(string tradeDate, CancellationToken cancellationToken)
    {
        TradeDates.ParseArgument(tradeDate, nameof(tradeDate));
        return _observer.ObserveAsync("read", async token =>
        {
            var content = await ReadAsync(token);
            var now = time.GetUtcNow();
            return (IReadOnlyList<DailyBasic>)content.Rows
                .Where(row => row.TradeDate == tradeDate)
                .Select(row => row.ToDailyBasic(now)!)
                .ToList();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<TradeDay>> FetchTradeCalendarAsync(string startDate, string endDate, CancellationToken cancellationToken)
        => Task.FromException<IReadOnlyList<TradeDay>>(new SourceUnavailableException(Name, SourceFailureKind.NotSupported,
            "a CSV file carries no exchange calendar"));

    /// <summary>The file exists and its header has the required columns.</summary>
    public Task<SourceProbeResult> ProbeAsync(CancellationToken cancellationToken)
        => _observer.ProbeAsync(Enabled, "disabled: set Sources:csv:FilePath", TimeSpan.FromSeconds(10),
            token => _observer.ObserveAsync("header", async token =>
            {
                await CsvStockFile.ValidateHeaderAsync(ExistingFile(), token);
                return true;
            }, token), cancellationToken);

    private async Task<CsvStockFileContent> ReadAsync(CancellationToken cancellationToken)
    {
        var path = ExistingFile();
        var file = new FileInfo(path);
        await _readGate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } cached && cached.Path == path && cached.WrittenAt == file.LastWriteTimeUtc && cached.Length == file.Length)
            {
                return cached.Content;
            }

            var content = await CsvStockFile.ReadAsync(path, time.GetUtcNow(), cancellationToken);
            _cached = (path, file.LastWriteTimeUtc, file.Length, content);
            return content;
        }
        finally
        {
            _readGate.Release();
        }
    }

    public void Dispose() => _readGate.Dispose();

    private string ExistingFile()
    {
        if (!Enabled)
        {
            throw new SourceUnavailableException(Name, SourceFailureKind.Unreachable, "source is disabled (set Sources:csv:FilePath)");
        }

        var path = Path.GetFullPath(_options.FilePath!);
        return File.Exists(path)
            ? path
            : throw new SourceUnavailableException(Name, SourceFailureKind.Unreachable, $"CSV file not found: {path}");
    }
}
