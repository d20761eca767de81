using System.Globalization;
using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

namespace SyncMonitor.Api.Modules.Consistency.Integrity;

/// <summary>Rule <c>integrity_level</c> per check type (labels <c>{check: quick|full|deep}</c>): fired with the
/// check's level by every check below 95 % (the Alerts module de-duplicates and counts), cleared by the first check
/// at or above 95 % after one that was below — not by every healthy check, which would ask the alert store to
/// resolve nothing every 15 minutes.</summary>
internal sealed class IntegrityAlerts(IAlertRaiser alerts)
{
    public static IReadOnlyDictionary<string, string> Labels(IntegrityCheckType type) => new Dictionary<string, string> { ["check"] = type.Name() };

    /// <param name="previous">The check of the same type before this one, if any.</param>
    public Task ApplyAsync(IntegrityCheckResult result, IntegrityCheckResult? previous, CancellationToken cancellationToken)
    {
        if (!IntegrityBands.Alerts(result.CompletionRate))
        {
            return previous is not null && IntegrityBands.Alerts(previous.CompletionRate)
                ? alerts.ClearAsync(AlertRules.IntegrityLevel, Labels(result.Type), cancellationToken)
                : Task.CompletedTask;
        }

        var rate = result.CompletionRate.ToString("0.##", CultureInfo.InvariantCulture);
        return alerts.FireAsync(AlertSignal.Localized(
            AlertRules.IntegrityLevel,
            LevelOf(result.Level),
            LocalizedText.Of("Alert.Integrity.Title", result.Type.Name(), rate),
            LocalizedText.Of("Alert.Integrity.Message", result.RunsWithCompleteOutput, result.SuccessfulRuns,
                result.WindowStart.ToString("O", CultureInfo.InvariantCulture), result.FailuresTotal, result.Id),
            Labels(result.Type)), cancellationToken);
    }

    public static AlertLevel LevelOf(IntegrityLevel level) => level switch
    {
        IntegrityLevel.Critical => AlertLevel.Critical,
        IntegrityLevel.High => AlertLevel.High,
        IntegrityLevel.Medium => AlertLevel.Medium,
        _ => AlertLevel.Low,
    };
}
