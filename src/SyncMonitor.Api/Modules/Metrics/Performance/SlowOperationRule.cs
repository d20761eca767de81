using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Modules.Alerts;

namespace SyncMonitor.Api.Modules.Metrics.Performance;

/// <summary>When an operation's window deserves a slow-operation alert: any call over the critical threshold
/// → high; otherwise at least <see cref="PerformanceOptions.SlowWarningAlertMinCount"/> calls over the warning
/// threshold that are also at least <see cref="PerformanceOptions.SlowWarningAlertMinShare"/> of the calls →
/// medium (an occasional slow call of a busy operation is noise); otherwise none, which clears an open alert.</summary>
internal static class SlowOperationRule
{
    public static AlertLevel? Evaluate(WindowTotals totals, PerformanceOptions options)
    {
        if (totals.SlowCritical > 0)
        {
            return AlertLevel.High;
        }

        var slow = totals.SlowWarning;
        return slow >= options.SlowWarningAlertMinCount && slow >= options.SlowWarningAlertMinShare * totals.Count
            ? AlertLevel.Medium
            : null;
    }

    public static AlertSignal Signal(string operation, AlertLevel level, WindowTotals totals, PerformanceOptions options)
    {
        var (count, threshold) = level == AlertLevel.High
            ? (totals.SlowCritical, options.SlowCriticalMs)
            : (totals.SlowWarning + totals.SlowCritical, options.SlowWarningMs);
        return AlertSignal.Localized(
            AlertRules.SlowOperation,
            level,
            LocalizedText.Of("Alert.Slow.Title", operation),
            LocalizedText.Of("Alert.Slow.Message", operation, count, totals.Count, threshold, options.WindowMinutes, totals.MaxMicros / 1000),
            Labels(operation));
    }

    public static IReadOnlyDictionary<string, string> Labels(string operation)
        => new Dictionary<string, string>(StringComparer.Ordinal) { ["operation"] = operation };
}
