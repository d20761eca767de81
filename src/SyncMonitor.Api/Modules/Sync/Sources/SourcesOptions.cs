namespace SyncMonitor.Api.Modules.Sync.Sources;

/// <summary><c>Sources</c>: the fallback order of the real sources. Each source also has its own section
/// (<c>Sources:tushare</c>, <c>Sources:akshare</c>, …) read by that source.</summary>
public sealed class SourcesOptions
{
    public const string Section = "Sources";

    /// <summary>Real sources in fallback order (SPEC §3.2). The synthetic <c>demo</c> source is never in this chain:
    /// it serves only when no real source is enabled, or when a run names it in <c>preferred_sources</c>.</summary>
    /// <remarks>Empty in code (the configuration binder appends to a pre-filled list); see <see cref="EffectivePriority"/>.</remarks>
    public List<string> Priority { get; set; } = [];

    public IReadOnlyList<string> EffectivePriority => Priority.Count > 0
        ? Priority
        : [SourceNames.Tushare, SourceNames.AkShare, SourceNames.BaoStock, SourceNames.Csv];
}

/// <summary>Source names as they appear in configuration, API parameters and <c>data_sources_used</c>.</summary>
public static class SourceNames
{
    public const string Tushare = "tushare";
    public const string AkShare = "akshare";
    public const string BaoStock = "baostock";
    public const string Csv = "csv";
    public const string Demo = "demo";
    public const string DemoAlt = "demo_alt";
}
