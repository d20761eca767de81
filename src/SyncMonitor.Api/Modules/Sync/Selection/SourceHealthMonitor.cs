using System.Collections.Concurrent;
using System.Diagnostics;
using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Sync.Sources;

namespace SyncMonitor.Api.Modules.Sync.Selection;

/// <summary>The last probe of every source, for <c>sources/status</c>; <c>test-sources</c> probes all of them now, in
/// parallel and bounded in time. An enabled source found unavailable fires the <c>source_unavailable</c> alert; a
/// later good probe clears it.</summary>
public sealed partial class SourceHealthMonitor(SourceSelector selector, IAlertRaiser alerts, TimeProvider time, ILogger<SourceHealthMonitor> logger)
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, SourceStatus> _last = new(StringComparer.Ordinal);

    /// <summary>Every source with its last known health; sources never probed are probed first.</summary>
    public async Task<IReadOnlyList<SourceStatus>> GetStatusAsync(CancellationToken cancellationToken)
    {
        var unprobed = selector.All.Where(s => !_last.ContainsKey(s.Name)).ToList();
        if (unprobed.Count > 0)
        {
            await ProbeAsync(unprobed, cancellationToken);
        }

        return selector.All.Select(s => _last.TryGetValue(s.Name, out var status) ? status : Describe(s, null, null)).ToList();
    }

    public async Task<IReadOnlyList<SourceStatus>> TestAllAsync(CancellationToken cancellationToken)
    {
        await ProbeAsync(selector.All, cancellationToken);
        return await GetStatusAsync(cancellationToken);
    }

    private async Task ProbeAsync(IReadOnlyList<IStockDataSource> sources, CancellationToken cancellationToken)
        => await Task.WhenAll(sources.Select(s => ProbeOneAsync(s, cancellationToken)));

    private async Task ProbeOneAsync(IStockDataSource source, CancellationToken cancellationToken)
    {
        SourceProbeResult result;
        if (!source.Enabled)
        {
            result = new SourceProbeResult(false, 0, "not enabled");
        }
        else
        {
            var started = Stopwatch.GetTimestamp();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            try
            {
                result = await source.ProbeAsync(timeout.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A probe reports what went wrong; it never fails the status request.
                result = new SourceProbeResult(false, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex switch
                {
                    SourceUnavailableException => ex.Message,
                    OperationCanceledException => $"no answer within {ProbeTimeout.TotalSeconds:0} s",
                    _ => $"probe failed ({ex.GetType().Name})",
                });
            }
        }

        _last[source.Name] = Describe(source, result, time.GetUtcNow());
        await AlertAsync(source, result);
    }

    private async Task AlertAsync(IStockDataSource source, SourceProbeResult result)
    {
        if (!source.Enabled)
        {
            return;
        }

        var labels = new Dictionary<string, string> { ["source"] = source.Name };
        try
        {
            if (result.Available)
            {
                await alerts.ClearAsync(AlertRules.SourceUnavailable, labels, CancellationToken.None);
            }
            else
            {
                // The probe's error is the source's own words (or its translation), quoted as it came.
                await alerts.FireAsync(AlertSignal.Localized(AlertRules.SourceUnavailable, AlertLevel.High,
                    LocalizedText.Of("Alert.SourceUnavailable.Title", source.Name),
                    LocalizedText.Of("Alert.SourceUnavailable.Message", source.Name, result.Error ?? "-"), labels), CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            LogAlertFailed(logger, ex, source.Name); // alerting trouble never hides the probe result
        }
    }

    private SourceStatus Describe(IStockDataSource source, SourceProbeResult? result, DateTimeOffset? checkedAt) => new(
        source.Name,
        selector.PriorityOf(source.Name),
        source.Enabled,
        result?.Available ?? false,
        result is null ? null : Math.Round(result.LatencyMs, 1),
        checkedAt,
        result?.Error,
        source.IsSynthetic,
        CapabilityNames(source.Capabilities));

    private static IReadOnlyList<string> CapabilityNames(SourceCapabilities capabilities)
        => Enum.GetValues<SourceCapabilities>()
            .Where(c => c != SourceCapabilities.None && capabilities.HasFlag(c))
            .Select(c => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(c.ToString()))
            .ToList();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Raising or clearing the availability alert of {Source} failed")]
    private static partial void LogAlertFailed(ILogger logger, Exception exception, string source);
}

/// <summary>One row of <c>sources/status</c>.</summary>
public sealed record SourceStatus(
    string Name,
    int? Priority,
    bool Enabled,
    bool Available,
    double? LatencyMs,
    DateTimeOffset? LastChecked,
    string? LastError,
    bool Synthetic,
    IReadOnlyList<string> Capabilities);
