using System.Globalization;
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
        return alerts.FireAsync(new AlertSignal(
            AlertRules.IntegrityLevel,
            LevelOf(result.Level),
            $"Integrity {result.Type.Name()} check: {rate}% of successful daily runs have complete output",
            $"{result.RunsWithCompleteOutput} of {result.SuccessfulRuns} successful daily runs since {result.WindowStart:O} have complete output; " +
            $"{result.FailuresTotal} run trade dates are missing or short (check {result.Id}). " +
            "Re-sync them with POST /api/monitoring/compensation.",
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
