using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Modules.Progress;

namespace SyncMonitor.UnitTests.Progress;

public sealed class TaskProgressModelTests
{
    private static readonly ProgressStep[] SyncSteps =
    [
        new("fetch_list", 0.3),
        new("normalize", 0.1),
        new("upsert", 0.5),
        new("finalize", 0.1),
    ];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private TaskProgressModel NewTask(IReadOnlyList<ProgressStep>? steps = null)
        => new("task-1", "stock_basics", steps ?? SyncSteps, _time.GetUtcNow());

    private TaskProgressSnapshot Snapshot(TaskProgressModel model) => model.Snapshot(_time.GetUtcNow());

    [Fact]
    public void Progress_is_the_weighted_sum_of_completed_steps_and_the_running_steps_fraction()
    {
        var task = NewTask();
        Snapshot(task).Progress.Should().Be(0);

        task.CompleteStep("fetch_list", _time.GetUtcNow());
        Snapshot(task).Progress.Should().Be(30);

        task.CompleteStep("normalize", _time.GetUtcNow());
        task.Report("upsert", 0.5, "upserting", _time.GetUtcNow());
        var snapshot = Snapshot(task);
        snapshot.Progress.Should().Be(65); // .3 + .1 + .5 * .5
        snapshot.CurrentStep.Should().Be("upsert");
        snapshot.Message.Should().Be("upserting");
        snapshot.Steps.Select(s => s.Status).Should().Equal(
            ProgressState.Completed, ProgressState.Completed, ProgressState.Running, ProgressState.Pending);
        snapshot.Steps[2].Progress.Should().Be(0.5);
    }

    [Fact]
    public void Weights_that_do_not_add_up_to_one_are_taken_relative_to_their_sum()
    {
        var task = NewTask([new("a", 3), new("b", 1)]);
        task.CompleteStep("a", _time.GetUtcNow());
        Snapshot(task).Progress.Should().Be(75);
    }

    [Fact]
    public void Beginning_a_later_step_counts_the_earlier_open_steps_as_completed_with_their_times()
    {
        var task = NewTask();
        task.BeginStep("fetch_list", null, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(3));
        task.BeginStep("upsert", "writing", _time.GetUtcNow());

        var snapshot = Snapshot(task);
        snapshot.Progress.Should().Be(40);
        snapshot.CurrentStep.Should().Be("upsert");
        snapshot.Steps[0].FinishedAt.Should().Be(_time.GetUtcNow());
        snapshot.Steps[1].Status.Should().Be(ProgressState.Completed);
        snapshot.Steps[2].StartedAt.Should().Be(_time.GetUtcNow());
    }

    [Fact]
    public void The_estimate_of_the_time_left_follows_the_observed_rate()
    {
        var task = NewTask();
        Snapshot(task).EstimatedRemainingSeconds.Should().BeNull("nothing has been done yet, so there is no rate");

        _time.Advance(TimeSpan.FromSeconds(30));
        task.CompleteStep("fetch_list", _time.GetUtcNow()); // 30 % in 30 s → 1 %/s
        var snapshot = Snapshot(task);
        snapshot.ElapsedSeconds.Should().Be(30);
        snapshot.EstimatedRemainingSeconds.Should().Be(70);

        _time.Advance(TimeSpan.FromSeconds(30)); // no progress for 30 s: the rate halves, the estimate grows
        Snapshot(task).EstimatedRemainingSeconds.Should().Be(140);
        Snapshot(task).ElapsedSeconds.Should().Be(60);
    }

    [Fact]
    public void Progress_never_decreases_when_a_step_reports_a_lower_fraction_or_a_finished_step_is_touched_again()
    {
        var task = NewTask();
        task.Report("fetch_list", 0.8, null, _time.GetUtcNow());
        task.Report("fetch_list", 0.2, null, _time.GetUtcNow()).Should().BeFalse();
        Snapshot(task).Progress.Should().Be(24);

        task.CompleteStep("fetch_list", _time.GetUtcNow());
        task.BeginStep("fetch_list", null, _time.GetUtcNow()).Should().BeFalse();
        task.Report("fetch_list", 0, null, _time.GetUtcNow()).Should().BeFalse();
        task.Report("normalize", double.NaN, null, _time.GetUtcNow()).Should().BeFalse();
        task.Report("normalize", -3, null, _time.GetUtcNow());
        Snapshot(task).Progress.Should().Be(30);
        Snapshot(task).Steps[0].Status.Should().Be(ProgressState.Completed);
    }

    [Fact]
    public void Progress_never_decreases_over_any_sequence_of_calls()
    {
        var random = new Random(20261123);
        for (var run = 0; run < 200; run++)
        {
            var task = NewTask();
            var previous = 0.0;
            for (var call = 0; call < 40; call++)
            {
                var step = SyncSteps[random.Next(SyncSteps.Length)].Name;
                var now = _time.GetUtcNow();
                _ = random.Next(8) switch
                {
                    0 => task.BeginStep(step, null, now),
                    1 => task.CompleteStep(step, now),
                    2 => task.MarkFailed("boom", now),
                    3 when call > 30 => task.MarkCompleted(null, now),
                    4 => task.MarkCancelled(null, now),
                    _ => task.Report(step, random.NextDouble() * 1.2 - 0.1, null, now),
                };
                var progress = Snapshot(task).Progress;
                progress.Should().BeGreaterThanOrEqualTo(previous).And.BeInRange(0, 100);
                previous = progress;
            }
        }
    }

    [Fact]
    public void Completing_finishes_every_step_at_100_percent_with_nothing_left()
    {
        var task = NewTask();
        task.Report("normalize", 0.5, null, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(10));
        task.MarkCompleted("done: 5000 rows", _time.GetUtcNow()).Should().BeTrue();
        _time.Advance(TimeSpan.FromMinutes(5));

        var snapshot = Snapshot(task);
        snapshot.Status.Should().Be(ProgressState.Completed);
        snapshot.Progress.Should().Be(100);
        snapshot.EstimatedRemainingSeconds.Should().Be(0);
        snapshot.ElapsedSeconds.Should().Be(10, "the clock stops when the task ends");
        snapshot.CurrentStep.Should().BeNull();
        snapshot.Message.Should().Be("done: 5000 rows");
        snapshot.Steps.Should().OnlyContain(s => s.Status == ProgressState.Completed && s.Progress == 1 && s.FinishedAt != null);
    }

    [Fact]
    public void Failing_keeps_the_progress_reached_marks_the_running_step_failed_and_ends_the_task()
    {
        var task = NewTask();
        task.CompleteStep("fetch_list", _time.GetUtcNow());
        task.Report("normalize", 0.5, null, _time.GetUtcNow());
        task.MarkFailed("source timed out", _time.GetUtcNow()).Should().BeTrue();

        var snapshot = Snapshot(task);
        snapshot.Status.Should().Be(ProgressState.Failed);
        snapshot.Progress.Should().Be(35);
        snapshot.Message.Should().Be("source timed out");
        snapshot.CurrentStep.Should().Be("normalize");
        snapshot.EstimatedRemainingSeconds.Should().BeNull();
        snapshot.Steps.Select(s => s.Status).Should().Equal(
            ProgressState.Completed, ProgressState.Failed, ProgressState.Pending, ProgressState.Pending);

        task.MarkCompleted(null, _time.GetUtcNow()).Should().BeFalse("a final state is final");
        task.Report("upsert", 1, null, _time.GetUtcNow()).Should().BeFalse();
        Snapshot(task).Should().BeEquivalentTo(snapshot);
    }

    [Fact]
    public void Cancelling_marks_the_running_step_cancelled_and_keeps_the_last_message_without_a_reason()
    {
        var task = NewTask();
        task.BeginStep("fetch_list", "fetching", _time.GetUtcNow());
        task.MarkCancelled(null, _time.GetUtcNow()).Should().BeTrue();
        task.MarkFailed("late failure", _time.GetUtcNow()).Should().BeFalse();

        var snapshot = Snapshot(task);
        snapshot.Status.Should().Be(ProgressState.Cancelled);
        snapshot.Message.Should().Be("fetching");
        snapshot.Steps[0].Status.Should().Be(ProgressState.Cancelled);
    }

    [Fact]
    public void A_task_without_steps_goes_from_0_to_100_on_completion()
    {
        var task = NewTask([]);
        Snapshot(task).Progress.Should().Be(0);
        task.MarkCompleted(null, _time.GetUtcNow());
        Snapshot(task).Progress.Should().Be(100);
    }

    [Theory]
    [InlineData("")]
    [InlineData("dup")]
    [InlineData("negative")]
    [InlineData("nan")]
    public void Malformed_steps_are_refused(string kind)
    {
        ProgressStep[] steps = kind switch
        {
            "dup" => [new("a", 0.5), new("a", 0.5)],
            "negative" => [new("a", -0.5)],
            "nan" => [new("a", double.NaN)],
            _ => [new(" ", 1)],
        };
        var act = () => NewTask(steps);
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Every_visible_change_moves_the_version_and_a_no_op_does_not()
    {
        var task = NewTask();
        var start = task.Version;
        task.Report("fetch_list", 0.1, null, _time.GetUtcNow());
        var afterReport = task.Version;
        afterReport.Should().BeGreaterThan(start);
        task.Report("fetch_list", 0.1, null, _time.GetUtcNow());
        task.Version.Should().Be(afterReport);
    }
}
