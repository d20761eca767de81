using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Modules.Consistency.Quality;

/// <summary><c>Consistency:Quality:*</c> settings of data-quality monitoring.</summary>
public sealed class DataQualityOptions
{
    public const string Section = "Consistency:Quality";

    /// <summary>The quality result is recomputed at most this often (in the background and on a request that
    /// finds it older), and sooner after a sync run finished. The gauges always read the last result.</summary>
    [Range(1, 86_400, ErrorMessage = "Consistency:Quality:RefreshSeconds must be between 1 and 86400.")]
    public int RefreshSeconds { get; set; } = 60;

    /// <summary>A source is fresh by update time when its newest <c>updated_at</c> is at most this old.</summary>
    [Range(1, 24 * 365, ErrorMessage = "Consistency:Quality:MaxAgeHours must be between 1 and 8760.")]
    public int MaxAgeHours { get; set; } = 36;

    /// <summary>A source is fresh by trade date when its newest <c>trade_date</c> is at most this many open days
    /// behind the calendar's last trade date (1 tolerates today before the nightly sync).</summary>
    [Range(0, 30, ErrorMessage = "Consistency:Quality:MaxTradeDaysBehind must be between 0 and 30.")]
    public int MaxTradeDaysBehind { get; set; } = 1;

    public TimeSpan RefreshInterval => TimeSpan.FromSeconds(RefreshSeconds);
}
