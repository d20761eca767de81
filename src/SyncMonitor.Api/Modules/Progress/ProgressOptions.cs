using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Modules.Progress;

/// <summary><c>Progress:*</c> settings.</summary>
public sealed class ProgressOptions
{
    public const string Section = "Progress";

    /// <summary>How long a snapshot lives: the Redis key's TTL (renewed by every write) and the age after which
    /// fallback files and finished in-memory tasks are removed.</summary>
    [Range(1, 24 * 30)]
    public int TtlHours { get; set; } = 24;

    /// <summary>Store writes and SignalR pushes per task per second; a final state is always written and pushed.</summary>
    [Range(1, 50)]
    public int MaxUpdatesPerSecond { get; set; } = 4;

    // Clamped because the validator reads these too, before it reports an out-of-range value.
    public TimeSpan Ttl => TimeSpan.FromHours(Math.Max(1, TtlHours));

    public TimeSpan UpdateInterval => TimeSpan.FromSeconds(1.0 / Math.Max(1, MaxUpdatesPerSecond));
}
