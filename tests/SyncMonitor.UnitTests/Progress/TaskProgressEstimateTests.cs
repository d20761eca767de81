using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Modules.Progress;

namespace SyncMonitor.UnitTests.Progress;

/// <summary>Issue 13 item 10: the estimate of the time left is believable on a steady source.</summary>
public sealed class TaskProgressEstimateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    /// <summary>A daily batch: the calendar takes 10 s (a slow source), then 120 dates at a steady 0.4 s each (48 s).
    /// From 20 % on, while at least 12 s are left (below that whole seconds and the 5 % finalize step weigh too much
    /// for ±30 %), every estimate — also between updates — is within ±30 % of the real time left. The average since
    /// the start, used before, said 72 s at 20 % with 40 s left.</summary>
    [Fact]
    public void After_20_percent_of_a_steady_batch_the_estimate_is_within_30_percent_of_the_real_time_left()
    {
        var task = new TaskProgressModel("t", "web_batch", [new("trade_calendar", 0.05), new("daily_basic", 0.9), new("finalize", 0.05)], _time.GetUtcNow());
        task.BeginStep("trade_calendar", null, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(10));
        task.CompleteStep("trade_calendar", _time.GetUtcNow());
        task.BeginStep("daily_basic", null, _time.GetUtcNow());
        const int Dates = 120;
        var end = _time.GetUtcNow() + TimeSpan.FromSeconds(Dates * 0.4);
        var checkedEstimates = 0;
        for (var date = 1; date <= Dates; date++)
        {
            for (var tick = 0; tick < 4; tick++)
            {
                _time.Advance(TimeSpan.FromMilliseconds(100)); // polled between updates too
                var snapshot = task.Snapshot(_time.GetUtcNow());
                var real = (end - _time.GetUtcNow()).TotalSeconds + 0.0;
                if (snapshot.Progress >= 20 && real >= 12)
                {
                    snapshot.EstimatedRemainingSeconds!.Value.Should().BeInRange(real * 0.7, real * 1.3,
                        "at {0} % with {1:F1} s really left", snapshot.Progress, real);
                    checkedEstimates++;
                }
            }

            task.Report("daily_basic", date / (double)Dates, null, _time.GetUtcNow());
        }

        checkedEstimates.Should().BeGreaterThan(200);
    }

    [Fact]
    public void A_short_run_at_75_percent_is_never_told_that_nothing_is_left()
    {
        var task = new TaskProgressModel("t", "stock_basics", [new("fetch_list", 0.3), new("normalize", 0.1), new("upsert", 0.5), new("finalize", 0.1)], _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMilliseconds(150));
        task.CompleteStep("normalize", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMilliseconds(100));
        task.Report("upsert", 0.7, null, _time.GetUtcNow());

        var snapshot = task.Snapshot(_time.GetUtcNow());

        snapshot.Progress.Should().Be(75);
        snapshot.EstimatedRemainingSeconds.Should().BeGreaterThanOrEqualTo(1);
    }
}
