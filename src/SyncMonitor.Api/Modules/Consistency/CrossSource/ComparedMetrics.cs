using SyncMonitor.Api.Common.MarketData;

namespace SyncMonitor.Api.Modules.Consistency.CrossSource;

/// <summary>One fundamental the checker compares: its name in reports, tolerance and weight (SPEC §6.1).
/// Weights are whole percent so sums are exact and a confidence of exactly 0.8 stays 0.8 at the action bands.</summary>
public sealed record ComparedMetric(string Name, double Tolerance, int WeightPercent, Func<StockBasic, double?> Read);

public static class ComparedMetrics
{
    public const string Pe = "pe";
    public const string Pb = "pb";
    public const string TotalMv = "total_mv";
    public const string Close = "close";
    public const string Volume = "volume";
    public const string TurnoverRate = "turnover_rate";

    public static IReadOnlyList<ComparedMetric> All { get; } =
    [
        new(Pe, 0.05, 25, s => s.Pe),
        new(Pb, 0.05, 25, s => s.Pb),
        new(TotalMv, 0.02, 20, s => s.TotalMv),
        new(Close, 0.01, 15, s => s.Close),
        new(Volume, 0.10, 10, s => s.Volume),
        new(TurnoverRate, 0.05, 5, s => s.TurnoverRate),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToList();

    /// <summary><c>|a-b| / max(|a|,|b|)</c>; two zeros are equal (0).</summary>
    public static double RelativeDifference(double a, double b)
    {
        var scale = Math.Max(Math.Abs(a), Math.Abs(b));
        return scale == 0 ? 0 : Math.Abs(a - b) / scale;
    }

    /// <summary>A value that can be compared: null, NaN and infinities are "missing".</summary>
    public static double? Present(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
