using System.ComponentModel.DataAnnotations;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.Api.Modules.Sync.Sources.AkShare;

/// <summary><c>Sources:akshare</c>: an AKTools server. Enabled when <see cref="BaseUrl"/> is set and
/// <see cref="Enabled"/> is not false. AKShare calls are slow (the spot snapshot takes tens of seconds), so the
/// per-attempt timeout is generous and retries are few.</summary>
public sealed class AkShareOptions : SourceResilienceSettings
{
    public const string Section = "Sources:" + SourceNames.AkShare;

    public AkShareOptions()
    {
        TimeoutSeconds = 120;
        MaxRetries = 1;
        ProbeTimeoutSeconds = 20;
    }

    public bool Enabled { get; set; } = true;

    /// <summary>The AKTools server, e.g. <c>http://127.0.0.1:8080</c>; requests go to <c>{BaseUrl}/api/public/{function}</c>.</summary>
    [AbsoluteUrl]
    public string? BaseUrl { get; set; }

    /// <summary>How long the spot snapshot usually takes; shapes the progress reported while waiting for it.</summary>
    [Range(1, 600)]
    public int ExpectedSpotSeconds { get; set; } = 30;

    public bool IsEnabled => Enabled && !string.IsNullOrWhiteSpace(BaseUrl);
}
