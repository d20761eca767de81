using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Sync.Selection;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.Api.Modules.Sync.Storage;

namespace SyncMonitor.Api.Modules.Sync.Runs;

/// <summary>Trade dates from <c>trade_calendar</c>, filled from the first source that serves a calendar when the
/// cached range is incomplete (SPEC §3.2).</summary>
public sealed partial class TradeCalendar(ITradeCalendarStore store, SourceSelector selector, ILogger<TradeCalendar> logger)
{
    public const string Exchange = "SSE";

    /// <summary>Open days (YYYYMMDD) in the range, ascending.</summary>
    public async Task<IReadOnlyList<string>> OpenDaysAsync(
        DateOnly start, DateOnly end, IReadOnlyList<string> preferred, RunRecorder? recorder, CancellationToken cancellationToken)
    {
        var (from, to) = (TradeDates.Format(start), TradeDates.Format(end));
        var cached = await store.ListAsync(Exchange, from, to, cancellationToken);
        var expected = end.DayNumber - start.DayNumber + 1;
        var days = cached.Count >= expected ? cached : await FetchAsync(from, to, preferred, recorder, cancellationToken);
        return days.Where(d => d.IsOpen).Select(d => d.CalDate).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The newest open day on or before <paramref name="day"/> (looking back up to 30 days).</summary>
    public async Task<string?> LatestOpenDayAsync(DateOnly day, IReadOnlyList<string> preferred, RunRecorder? recorder, CancellationToken cancellationToken)
        => (await OpenDaysAsync(day.AddDays(-30), day, preferred, recorder, cancellationToken)).LastOrDefault();

    private async Task<IReadOnlyList<TradeDay>> FetchAsync(
        string from, string to, IReadOnlyList<string> preferred, RunRecorder? recorder, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var source in selector.Chain(SourceCapabilities.TradeCalendar, preferred))
        {
            try
            {
                var days = (await source.FetchTradeCalendarAsync(from, to, cancellationToken))
                    .Select(d => d with { Exchange = Exchange })
                    .ToList();
                await store.UpsertAsync(days, cancellationToken);
                recorder?.UseSource("trade_calendar", source.Name, source.IsSynthetic);
                return days;
            }
            catch (SourceUnavailableException ex)
            {
                LogSourceFailed(logger, source.Name, ex.Message);
                failures.Add(ex.Message);
            }
        }

        throw new NoSourceAvailableException("trade calendar", failures);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trade calendar from {Source} failed: {Reason}")]
    private static partial void LogSourceFailed(ILogger logger, string source, string reason);
}

/// <summary>Every source in the chain failed (or none is enabled) for one kind of data.</summary>
public sealed class NoSourceAvailableException(string dataKind, IReadOnlyList<string> failures)
    : Exception(failures.Count == 0
        ? $"No enabled source serves the {dataKind}."
        : $"No source could serve the {dataKind}: {string.Join("; ", failures)}")
{
    /// <summary>For the run's message: the data kind is a code, the failures are the sources' own words.</summary>
    public Common.Localization.LocalizedText Text { get; } = failures.Count == 0
        ? Common.Localization.LocalizedText.Of("Run.NoEnabledSource", dataKind)
        : Common.Localization.LocalizedText.Of("Run.NoSource", dataKind, string.Join("; ", failures));
}
