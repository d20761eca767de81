using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Modules.Sync.Sources.Demo;

/// <summary><c>Sources:demo</c> / <c>Sources:demo_alt</c>: latency and failure injection.</summary>
public sealed class DemoSourceOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>A stock-basics sync whose list came from this variant also fills the other one (demo ↔ demo_alt), so a
    /// cross-source check works after one sync on a fresh demo install.</summary>
    public bool FillsCompanion { get; set; } = true;

    /// <summary>Artificial delay per fetched batch of 500 stocks (and per daily-basic call).</summary>
    [Range(0, 600_000)]
    public int DelayMs { get; set; }

    /// <summary>Probability (0..1) that a call fails with an injected error.</summary>
    [Range(0.0, 1.0)]
    public double FailureRate { get; set; }
}
