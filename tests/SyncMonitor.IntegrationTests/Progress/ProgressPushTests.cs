using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Progress;

/// <summary>What the host pushes to a task's SignalR group, seen through a recording <see cref="IRealtimePublisher"/>.</summary>
public sealed class ProgressPushTests : IDisposable
{
    private readonly RecordingRealtimePublisher _realtime = new();
    private readonly SyncMonitorFactory _host;

    public ProgressPushTests()
    {
        _host = new SyncMonitorFactory().WithServices(s => s.AddSingleton<IRealtimePublisher>(_realtime));
    }

    [Fact]
    public async Task A_burst_of_updates_is_pushed_at_most_4_times_a_second_and_the_final_state_always()
    {
        var taskId = ProgressTestKit.NewTaskId();
        var clock = Stopwatch.StartNew();
        var run = await _host.StartAsync(taskId);
        var reports = 0;
        for (var burst = 1; burst <= 30; burst++)
        {
            for (var i = 1; i <= 10; i++)
            {
                await run.ReportAsync("upsert", (burst * 10 + i) / 310.0);
                reports++;
            }

            await Task.Delay(50);
        }

        await run.MarkCompletedAsync();
        var elapsed = clock.Elapsed;

        var pushed = _realtime.For(taskId);
        pushed[^1].Status.Should().Be(ProgressState.Completed);
        pushed[0].Status.Should().Be(ProgressState.Running);
        pushed.Select(p => p.Progress).Should().BeInAscendingOrder();
        // One push at start, one per 250 ms tick at most, and the final one — however slow this machine is.
        pushed.Count.Should().BeLessThanOrEqualTo((int)Math.Ceiling(elapsed.TotalSeconds * 4) + 3)
            .And.BeLessThan(reports);
    }

    [Fact]
    public async Task A_failure_is_pushed_right_away_even_when_a_push_happened_a_moment_before()
    {
        var taskId = ProgressTestKit.NewTaskId();
        var run = await _host.StartAsync(taskId);
        await run.ReportAsync("fetch_list", 0.5);
        await Eventually.HoldsAsync(() => _realtime.For(taskId).Count >= 2, "the tick pushes the update");

        await run.MarkFailedAsync("source unavailable");

        var last = _realtime.For(taskId)[^1];
        last.Status.Should().Be(ProgressState.Failed);
        last.Message.Should().Be("source unavailable");
    }

    public void Dispose() => _host.Dispose();
}
