using System.Globalization;

namespace SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

/// <summary>The deep check's trend: completion per day (of the runs' start, Asia/Shanghai) and the least-squares
/// slope over those daily rates, in percentage points per day. Days without runs are left out, not counted as 0.</summary>
public sealed record CompletionTrend
{
    public required IReadOnlyList<DailyCompletion> Days { get; init; }

    /// <summary>Null with fewer than two days that had runs.</summary>
    public double? SlopePerDay { get; init; }

    /// <summary><c>improving</c> (slope ≥ +0.5 pp/day), <c>degrading</c> (≤ −0.5) or <c>stable</c>; null without a slope.</summary>
    public string? Direction { get; init; }

    public const double StableBand = 0.5;

    public static CompletionTrend From(IReadOnlyList<DailyCompletion> days, DateOnly firstDay)
    {
        var points = days.Select(d => ((double)(DateOnly.Parse(d.Day, CultureInfo.InvariantCulture).DayNumber - firstDay.DayNumber), d.CompletionRate)).ToList();
        var slope = Slope(points);
        return new CompletionTrend
        {
            Days = days,
            SlopePerDay = slope,
            Direction = slope switch
            {
                null => null,
                >= StableBand => "improving",
                <= -StableBand => "degrading",
                _ => "stable",
            },
        };
    }

    /// <summary>Ordinary least squares: Σ(x−x̄)(y−ȳ) / Σ(x−x̄)². Null for fewer than two distinct x.</summary>
    public static double? Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2)
        {
            return null;
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return sxx == 0 ? null : points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx;
    }
}

/// <summary>One day of the trend (<c>YYYY-MM-DD</c>, Asia/Shanghai): successful runs started that day and how many
/// had complete output.</summary>
public sealed record DailyCompletion
{
    public required string Day { get; init; }

    public long Runs { get; init; }

    public long Complete { get; init; }

    public double CompletionRate { get; init; }
}
