using System.Diagnostics.Metrics;

namespace SyncMonitor.Api.Modules.Consistency.Quality;

/// <summary>Meter <c>SyncMonitor.Quality</c>: <c>syncmonitor_data_quality_score{source, dimension}</c>, 0..1, for
/// every source and <c>source="all"</c>, dimensions completeness/freshness/validity/duplicates/overall. The gauge
/// reads the last result the monitor published (a scrape never computes); nothing is exported before the first.</summary>
internal sealed class DataQualityMetrics
{
    public const string MeterName = "SyncMonitor.Quality";
    public const string ScoreName = "syncmonitor_data_quality_score";
    public const string AllSources = "all";

    private volatile DataQualityReport? _latest;

    public DataQualityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(ScoreName, () => Observe(_latest),
            description: "Data quality score 0..1 of the stored stock basics, by source and dimension (last computed result).");
    }

    public void Publish(DataQualityReport report) => _latest = report;

    public static IEnumerable<Measurement<double>> Observe(DataQualityReport? report)
    {
        if (report is null)
        {
            yield break;
        }

        foreach (var source in report.Sources)
        {
            yield return Score(source.Completeness.Score, source.Source, "completeness");
            yield return Score(source.Freshness.Score, source.Source, "freshness");
            yield return Score(source.Validity.Score, source.Source, "validity");
            yield return Score(source.Duplicates.Score, source.Source, "duplicates");
            yield return Score(source.Score, source.Source, "overall");
        }

        var overall = report.Overall;
        (string Dimension, double? Value)[] all =
        [
            ("completeness", overall.Completeness), ("freshness", overall.Freshness), ("validity", overall.Validity),
            ("duplicates", overall.Duplicates), ("overall", overall.Score),
        ];
        foreach (var (dimension, value) in all)
        {
            if (value is { } v)
            {
                yield return Score(v, AllSources, dimension);
            }
        }
    }

    private static Measurement<double> Score(double value, string source, string dimension)
        => new(value, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("dimension", dimension));
}
