using System.Diagnostics.Metrics;
using SyncMonitor.Api.Common.Metrics;

namespace SyncMonitor.UnitTests.Metrics;

public sealed class StartupSeriesTests
{
    [Fact]
    public void Each_declares_every_combination_of_the_label_values_once()
    {
        using var meter = new Meter("SyncMonitor.StartupSeriesTests");
        var counter = meter.CreateCounter<long>("syncmonitor_test_runs");

        var series = StartupSeries.Each(counter, ("status", ["success", "failed", "failed"]), ("task_type", ["a", "b", "c"])).ToList();

        series.Should().HaveCount(6).And.OnlyContain(s => s.Instrument == counter);
        series.Select(s => string.Join(",", s.Tags.Select(t => $"{t.Key}={t.Value}"))).Should().BeEquivalentTo(
            "status=success,task_type=a", "status=success,task_type=b", "status=success,task_type=c",
            "status=failed,task_type=a", "status=failed,task_type=b", "status=failed,task_type=c");
    }

    [Fact]
    public void Each_without_labels_is_the_one_unlabelled_series()
    {
        using var meter = new Meter("SyncMonitor.StartupSeriesTests");
        var counter = meter.CreateCounter<long>("syncmonitor_test_drops");

        StartupSeries.Each(counter).Should().ContainSingle().Which.Tags.Should().BeEmpty();
    }
}
