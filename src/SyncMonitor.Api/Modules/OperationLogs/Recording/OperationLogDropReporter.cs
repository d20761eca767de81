using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Modules.Alerts;

namespace SyncMonitor.Api.Modules.OperationLogs.Recording;

/// <summary>Makes drops loud but not noisy: the first drop is reported at once (warning + alert), further drops
/// at most once per <see cref="OperationLogOptions.DropReportIntervalSeconds"/>; a quiet interval clears the
/// alert.</summary>
internal sealed partial class OperationLogDropReporter(
    OperationLogQueue queue,
    IAlertRaiser alerts,
    IOptions<OperationLogOptions> options,
    TimeProvider time,
    ILogger<OperationLogDropReporter> logger) : BackgroundService
{
    private static readonly Dictionary<string, string> NoLabels = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.DropReportIntervalSeconds);
        long reported = 0;
        try
        {
            while (await queue.DropSignal.WaitToReadAsync(stoppingToken))
            {
                queue.DropSignal.TryRead(out _);
                var total = queue.Dropped;
                await ReportAsync(total - reported, total, stoppingToken);
                reported = total;
                await Task.Delay(interval, time, stoppingToken);
                if (queue.Dropped == reported)
                {
                    await ClearAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReportAsync(long dropped, long total, CancellationToken cancellationToken)
    {
        LogDropped(logger, dropped, total, queue.Capacity);
        var signal = AlertSignal.Localized(
            AlertRules.OperationLogDrops,
            AlertLevel.High,
            LocalizedText.Of("Alert.OpLogDrops.Title"),
            LocalizedText.Of("Alert.OpLogDrops.Message", dropped, total, queue.Capacity),
            NoLabels);
        try
        {
            await alerts.FireAsync(signal, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The alert store may be down for the same reason; the warning above is already out.
            LogAlertFailed(logger, ex.GetType().Name);
        }
    }

    private async Task ClearAsync(CancellationToken cancellationToken)
    {
        try
        {
            await alerts.ClearAsync(AlertRules.OperationLogDrops, NoLabels, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAlertFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Dropped {Dropped} operation-log entries ({Total} since start): the queue of {Capacity} is full")]
    private static partial void LogDropped(ILogger logger, long dropped, long total, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not raise or clear the operation-log drop alert ({ErrorType})")]
    private static partial void LogAlertFailed(ILogger logger, string errorType);
}
