using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Modules.Sync.Sources.Shared;

/// <summary>Timeout, retry and circuit-breaker settings every real source shares; each source's options class
/// inherits them so they bind from <c>Sources:{name}:…</c> and are validated on start.</summary>
public abstract class SourceResilienceSettings
{
    /// <summary>Time allowed for one attempt (one HTTP request, one TCP conversation).</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries after a transient failure (timeout, connection error, 5xx, garbled frame); 0 disables retry.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Base delay of the exponential back-off between retries (jittered).</summary>
    [Range(0.0, 60.0)]
    public double RetryDelaySeconds { get; set; } = 1;

    /// <summary>Share of failed calls within the sampling window that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the sampling window before the breaker may open.</summary>
    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 4;

    [Range(1, 3600)]
    public int BreakerSamplingSeconds { get; set; } = 60;

    /// <summary>How long an open circuit rejects calls before one trial call may pass.</summary>
    [Range(1, 3600)]
    public int BreakerBreakSeconds { get; set; } = 30;

    /// <summary>Upper bound of one health probe (<c>sources/status</c>, <c>test-sources</c>).</summary>
    [Range(1, 120)]
    public int ProbeTimeoutSeconds { get; set; } = 10;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public TimeSpan RetryDelay => TimeSpan.FromSeconds(RetryDelaySeconds);

    public TimeSpan ProbeTimeout => TimeSpan.FromSeconds(ProbeTimeoutSeconds);

    public TimeSpan BreakerSampling => TimeSpan.FromSeconds(BreakerSamplingSeconds);

    public TimeSpan BreakerBreak => TimeSpan.FromSeconds(BreakerBreakSeconds);
}
