using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Modules.Consistency.Integrity;

/// <summary><c>Integrity</c>: how much the checks read and keep. The check windows and bands are the contract
/// (SPEC §6.2) and not configurable; the schedules are, under <c>Scheduler:Jobs:integrity_*:Cron</c>.</summary>
public sealed class IntegrityOptions
{
    public const string Section = "Integrity";

    /// <summary>Most runs one check judges (the newest); more are reported as <c>runs_truncated</c>.</summary>
    [Range(100, 100_000)]
    public int MaxRunsPerCheck { get; set; } = 5000;

    /// <summary>Checks per type shown as history by the metrics endpoint.</summary>
    [Range(1, 100)]
    public int HistorySize { get; set; } = 10;

    /// <summary>How long <c>integrity_checks</c> keeps a check; older ones are removed by the daily deep check.</summary>
    [Range(1, 3650)]
    public int RetainDays { get; set; } = 90;

    /// <summary>How long the daily <c>monitoring_YYYYMMDD.jsonl</c> files are kept (the long-term record); 0 keeps them.</summary>
    [Range(0, 36500)]
    public int ResultFileRetainDays { get; set; } = 365;
}
