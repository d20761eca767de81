using Microsoft.Extensions.Time.Testing;
using Quartz;
using SyncMonitor.Api.Common.Scheduling;

namespace SyncMonitor.UnitTests.Scheduling;

/// <summary>How late firings are handled, on the production scheduler settings driven by a fake clock (nothing here
/// waits for real time to pass): downtime does not pile up scheduled runs, and a manual run queued behind a long
/// run is not lost.</summary>
public sealed class MisfireTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly ScheduledJobDefinition Nightly = new("nightly", typeof(GatedJob), "0 0 20 * * ?", "nightly");

    [Fact]
    public async Task Fire_times_missed_in_standby_are_skipped_and_the_job_runs_at_its_next_regular_time_only()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 11, 0, 0, TimeSpan.Zero)); // 19:00 in Shanghai
        var runs = new RunCounter();
        var scheduler = await BuildSchedulerAsync(time, runs);
        try
        {
            var triggerKey = JobSchedules.TriggerKeyFor(Nightly.Name);
            await scheduler.ScheduleJob(JobSchedules.BuildJob(Nightly), [JobSchedules.BuildTrigger(Nightly, Nightly.DefaultCron, Shanghai, time)]);
            await scheduler.Start();
            await scheduler.Standby();

            time.Advance(TimeSpan.FromDays(3)); // 20:00 on the 10th, 11th and 12th pass while nothing fires
            await scheduler.Start();

            var nextRegular = new DateTimeOffset(2026, 3, 13, 12, 0, 0, TimeSpan.Zero);
            await PollAsync(async () => (await scheduler.GetTrigger(triggerKey))!.NextFireTimeUtc == nextRegular);
            runs.Finished.Should().Be(0, "missed firings are dropped, not caught up");

            time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
            await PollAsync(() => Task.FromResult(runs.Finished == 1));
            (await scheduler.GetTrigger(triggerKey))!.NextFireTimeUtc.Should().Be(nextRegular.AddDays(1));
            runs.Finished.Should().Be(1);
        }
        finally
        {
            await scheduler.Shutdown();
        }
    }

    [Fact]
    public async Task A_manual_run_queued_behind_a_long_run_fires_when_that_run_ends_however_late()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero));
        var runs = new RunCounter();
        var scheduler = await BuildSchedulerAsync(time, runs);
        using var gate = new SemaphoreSlim(0);
        scheduler.Context[GatedJob.GateKey] = gate;
        try
        {
            var jobKey = JobSchedules.JobKeyFor(Nightly.Name);
            await scheduler.ScheduleJob(JobSchedules.BuildJob(Nightly), [JobSchedules.BuildTrigger(Nightly, Nightly.DefaultCron, Shanghai, time)]);
            await scheduler.Start();

            await scheduler.TriggerJob(jobKey);
            await PollAsync(() => Task.FromResult(runs.Started == 1));
            await scheduler.TriggerJob(jobKey);
            time.Advance(TimeSpan.FromMinutes(30)); // far past any misfire threshold while the second run waits
            gate.Release();

            await PollAsync(() => Task.FromResult(runs.Started == 2));
            gate.Release();
            await PollAsync(() => Task.FromResult(runs.Finished == 2));
        }
        finally
        {
            gate.Release(2);
            await scheduler.Shutdown();
        }
    }

    private static async Task<IScheduler> BuildSchedulerAsync(TimeProvider time, RunCounter runs)
        => await QuartzSchedulerBuilder.Create(quartz => quartz
                .UseSchedulerDefaults()
                .UseTimeProvider(time)
                .AddJobListener(runs, [Matchers.AllJobs()]))
            .BuildScheduler();

    private static async Task PollAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the scheduler should have got there by now");
            await Task.Delay(20);
        }
    }

    /// <summary>Holds each run until the test releases the gate it finds in the scheduler context, if any.</summary>
    public sealed class GatedJob : IJob
    {
        public const string GateKey = "test.gate";

        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            if (context.Scheduler.Context.TryGetValue(GateKey, out var gate) && gate is SemaphoreSlim semaphore)
            {
                await semaphore.WaitAsync(cancellationToken);
            }
        }
    }

    private sealed class RunCounter : IJobListener
    {
        private int _started;
        private int _finished;

        public string Name => "run-counter";

        public int Started => Volatile.Read(ref _started);

        public int Finished => Volatile.Read(ref _finished);

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _started);
            return ValueTask.CompletedTask;
        }

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _finished);
            return ValueTask.CompletedTask;
        }
    }
}
