using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Progress.Storage;

namespace SyncMonitor.UnitTests.Progress;

public sealed class ProgressTrackerTests
{
    private static readonly ProgressStep[] Steps = [new("fetch_list", 0.3), new("normalize", 0.1), new("upsert", 0.5), new("finalize", 0.1)];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingStore _store = new();
    private readonly RecordingRealtimePublisher _pushes = new();
    private readonly ProgressTracker _tracker;

    public ProgressTrackerTests()
    {
        var writer = new ProgressWriter(_store, _pushes, NullLogger<ProgressWriter>.Instance);
        _tracker = new ProgressTracker(_store, writer, _time, Options.Create(new ProgressOptions()), NullLogger<ProgressTracker>.Instance);
    }

    [Fact]
    public async Task Starting_a_task_stores_and_pushes_its_first_snapshot_at_once()
    {
        await _tracker.StartAsync("t1", "stock_basics", Steps, CancellationToken.None);

        _store.Saved.Should().ContainSingle().Which.Should().Match<TaskProgressSnapshot>(s =>
            s.TaskId == "t1" && s.Status == ProgressState.Running && s.Progress == 0 && s.Steps.Count == 4);
        _pushes.Pushed.Should().ContainSingle().Which.TaskId.Should().Be("t1");
    }

    [Fact]
    public async Task Updates_between_ticks_are_coalesced_into_one_write_and_one_push_of_the_latest_state()
    {
        var task = await _tracker.StartAsync("t1", "stock_basics", Steps, CancellationToken.None);
        for (var i = 1; i <= 100; i++)
        {
            await task.ReportAsync("fetch_list", i / 100.0);
        }

        _store.Saved.Should().HaveCount(1, "updates only change memory until the next tick");
        await _tracker.FlushChangedAsync();
        await _tracker.FlushChangedAsync();

        _store.Saved.Should().HaveCount(2);
        _store.Saved[^1].Progress.Should().Be(30);
        _pushes.Pushed.Should().HaveCount(2);
        ((TaskProgressSnapshot)_pushes.Pushed[^1].Progress).Progress.Should().Be(30);
    }

    [Fact]
    public async Task A_final_state_is_written_and_pushed_before_the_call_returns_even_right_after_a_tick()
    {
        var task = await _tracker.StartAsync("t1", "stock_basics", Steps, CancellationToken.None);
        await task.ReportAsync("upsert", 0.5);
        await _tracker.FlushChangedAsync();

        await task.MarkCompletedAsync("done");

        _store.Saved[^1].Status.Should().Be(ProgressState.Completed);
        _store.Saved[^1].Progress.Should().Be(100);
        ((TaskProgressSnapshot)_pushes.Pushed[^1].Progress).Status.Should().Be(ProgressState.Completed);
        var writes = _store.Saved.Count;
        await task.MarkFailedAsync("too late");
        await _tracker.FlushChangedAsync();
        _store.Saved.Should().HaveCount(writes, "nothing changes after a final state");
    }

    [Theory]
    [InlineData(ProgressState.Failed)]
    [InlineData(ProgressState.Cancelled)]
    public async Task Failed_and_cancelled_are_final_states_that_are_always_written_and_pushed(ProgressState final)
    {
        var task = await _tracker.StartAsync("t1", "stock_basics", Steps, CancellationToken.None);
        await task.BeginStepAsync("fetch_list");
        await (final == ProgressState.Failed ? task.MarkFailedAsync("boom") : task.MarkCancelledAsync("operator"));

        _store.Saved[^1].Status.Should().Be(final);
        ((TaskProgressSnapshot)_pushes.Pushed[^1].Progress).Status.Should().Be(final);
        (await _tracker.GetAsync("t1", CancellationToken.None))!.Status.Should().Be(final);
    }

    [Fact]
    public async Task A_running_task_without_news_is_rewritten_as_a_heartbeat_but_a_finished_one_is_not()
    {
        var task = await _tracker.StartAsync("t1", "stock_basics", Steps, CancellationToken.None);
        await _tracker.FlushChangedAsync();
        _store.Saved.Should().HaveCount(1);

        _time.Advance(TrackedTask.HeartbeatInterval);
        await _tracker.FlushChangedAsync();
        _store.Saved.Should().HaveCount(2);
        _store.Saved[^1].ElapsedSeconds.Should().Be(TrackedTask.HeartbeatInterval.TotalSeconds);

        await task.MarkCancelledAsync();
        _time.Advance(TrackedTask.HeartbeatInterval * 3);
        await _tracker.FlushChangedAsync();
        _store.Saved.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_write_no_store_took_is_retried_on_the_next_tick()
    {
        var task = await _tracker.StartAsync("t1", "stock_basics", Steps, CancellationToken.None);
        _store.Refuse = true;
        await task.MarkFailedAsync("boom");
        _store.Refuse = false;

        await _tracker.FlushChangedAsync();

        _store.Saved[^1].Status.Should().Be(ProgressState.Failed);
        _pushes.Pushed.Should().HaveCount(3, "the push does not wait for the store");
    }

    [Fact]
    public async Task Reads_come_from_memory_for_tasks_of_this_process_with_a_live_elapsed_time()
    {
        var task = await _tracker.StartAsync("t1", "stock_basics", Steps, CancellationToken.None);
        await task.CompleteStepAsync("fetch_list");
        _time.Advance(TimeSpan.FromSeconds(20));

        var snapshot = await _tracker.GetAsync("t1", CancellationToken.None);

        snapshot!.Progress.Should().Be(30, "memory is ahead of the store until the next tick");
        snapshot.ElapsedSeconds.Should().Be(20);
        _store.Reads.Should().Be(0);
    }

    [Fact]
    public async Task Reads_of_other_tasks_go_to_the_store_and_an_unknown_task_is_null()
    {
        _store.Saved.Add(new TaskProgressSnapshot("elsewhere", "web_batch", ProgressState.Running, 42, "upsert", [], null,
            _time.GetUtcNow(), _time.GetUtcNow(), 1, 1));

        (await _tracker.GetAsync("elsewhere", CancellationToken.None))!.Progress.Should().Be(42);
        (await _tracker.GetAsync("nobody", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Malformed_ids_are_refused_before_they_reach_a_store()
    {
        var start = () => _tracker.StartAsync("../x", "stock_basics", Steps, CancellationToken.None);
        var read = () => _tracker.GetAsync("..%2Fx", CancellationToken.None);

        await start.Should().ThrowAsync<ValidationException>();
        await read.Should().ThrowAsync<ValidationException>();
        _store.Reads.Should().Be(0);
        _store.Saved.Should().BeEmpty();
    }

    [Fact]
    public async Task A_task_id_still_running_here_cannot_be_started_twice_but_a_finished_one_can()
    {
        var first = await _tracker.StartAsync("t1", "stock_basics", Steps, CancellationToken.None);
        var again = () => _tracker.StartAsync("t1", "stock_basics", Steps, CancellationToken.None);
        await again.Should().ThrowAsync<InvalidOperationException>();

        await first.MarkCompletedAsync();
        await again.Should().NotThrowAsync();
        (await _tracker.GetAsync("t1", CancellationToken.None))!.Status.Should().Be(ProgressState.Running);
    }

    [Fact]
    public async Task An_unknown_step_name_is_ignored_instead_of_breaking_the_run()
    {
        var task = await _tracker.StartAsync("t1", "stock_basics", Steps, CancellationToken.None);
        await task.ReportAsync("no-such-step", 0.9);
        (await _tracker.GetAsync("t1", CancellationToken.None))!.Progress.Should().Be(0);
    }

    [Fact]
    public async Task Concurrent_reporters_leave_the_task_at_the_highest_fraction_reported()
    {
        var task = await _tracker.StartAsync("t1", "stock_basics", [new("upsert", 1)], CancellationToken.None);
        var flushing = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await _tracker.FlushChangedAsync();
            }
        });
        await Task.WhenAll(Enumerable.Range(1, 1000).Select(i => Task.Run(() => task.ReportAsync("upsert", i / 1000.0))));
        await flushing;
        await _tracker.FlushChangedAsync();

        _store.Saved[^1].Progress.Should().Be(100);
        _store.Saved.Select(s => s.Progress).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Tasks_not_updated_for_longer_than_the_ttl_are_forgotten_and_then_answered_by_the_store()
    {
        var task = await _tracker.StartAsync("t1", "stock_basics", Steps, CancellationToken.None);
        await task.MarkCompletedAsync();
        _time.Advance(TimeSpan.FromHours(23));
        _tracker.EvictExpired().Should().Be(0);
        _time.Advance(TimeSpan.FromHours(2));
        _tracker.EvictExpired().Should().Be(1);

        (await _tracker.GetAsync("t1", CancellationToken.None))!.Status.Should().Be(ProgressState.Completed);
        _store.Reads.Should().Be(1);
    }

    private sealed class RecordingStore : IProgressStore
    {
        private readonly Lock _lock = new();
        private int _reads;

        public List<TaskProgressSnapshot> Saved { get; } = [];

        public bool Refuse { get; set; }

        public int Reads => _reads;

        public Task<bool> SaveAsync(TaskProgressSnapshot snapshot, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                if (!Refuse)
                {
                    Saved.Add(snapshot);
                }
            }

            return Task.FromResult(!Refuse);
        }

        public Task<TaskProgressSnapshot?> ReadAsync(string taskId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            lock (_lock)
            {
                return Task.FromResult(Saved.LastOrDefault(s => s.TaskId == taskId));
            }
        }
    }
}
