using System.Globalization;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Modules.Alerts;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary>The <c>consistency_confidence</c> rule: a check of a source pair whose overall confidence is below
/// <see cref="CrossSourceOptions.AlertConfidenceThreshold"/> fires (critical &lt; .3, high &lt; .6, else medium),
/// labelled with the pair; the pair's next check at or above the threshold clears it.</summary>
internal sealed class ConsistencyAlerts(IAlertRaiser alerts, IOptionsMonitor<CrossSourceOptions> options)
{
    public static AlertLevel LevelFor(double confidence) => confidence switch
    {
        < 0.3 => AlertLevel.Critical,
        < 0.6 => AlertLevel.High,
        _ => AlertLevel.Medium,
    };

    public static IReadOnlyDictionary<string, string> Labels(string primary, string secondary)
        => new Dictionary<string, string> { ["primary"] = primary, ["secondary"] = secondary };

    public async Task EvaluateAsync(ConsistencyReport report, CancellationToken cancellationToken)
    {
        var labels = Labels(report.Primary, report.Secondary);
        var confidence = report.Summary.Confidence;
        if (confidence >= options.CurrentValue.AlertConfidenceThreshold)
        {
            await alerts.ClearAsync(AlertRules.ConsistencyConfidence, labels, cancellationToken);
            return;
        }

        var percent = (confidence * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
        await alerts.FireAsync(AlertSignal.Localized(
            AlertRules.ConsistencyConfidence,
            LevelFor(confidence),
            LocalizedText.Of("Alert.Consistency.Title", report.Primary, report.Secondary),
            LocalizedText.Of("Alert.Consistency.Message", percent, report.Summary.CommonCount, report.Summary.InconsistentCount,
                report.Id, report.Summary.RecommendedAction),
            labels), cancellationToken);
    }
}
