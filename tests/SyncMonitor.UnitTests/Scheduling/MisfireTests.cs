using Microsoft.Extensions.Time.Testing;
using Quartz;
using SyncMonitor.Api.Common.Scheduling;

namespace SyncMonitor.UnitTests.Scheduling;

/// <summary>Downtime does not pile up runs: a scheduler in standby over three nightly fire times runs the job at the
/// next regular time only. Driven by a fake clock, so nothing here waits for real time to pass.</summary>
public sealed class MisfireTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly ScheduledJobDefinition Nightly = new("nightly", typeof(NoopJob), "0 0 20 * * ?", "nightly");

    [Fact]
    public async Task Fire_times_missed_in_standby_are_skipped_and_the_job_runs_at_its_next_regular_time_only()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 11, 0, 0, TimeSpan.Zero)); // 19:00 in Shanghai
        var runs = new RunCounter();
        var scheduler = await QuartzSchedulerBuilder.Create(quartz => quartz
                .UseTimeProvider(time)
                .UseInMemoryStore()
                .AddJobListener(runs, [Matchers.AllJobs()]))
            .BuildScheduler();
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
            runs.Count.Should().Be(0, "missed firings are dropped, not caught up");

            time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
            await PollAsync(() => Task.FromResult(runs.Count == 1));
            (await scheduler.GetTrigger(triggerKey))!.NextFireTimeUtc.Should().Be(nextRegular.AddDays(1));
            runs.Count.Should().Be(1);
        }
        finally
        {
            await scheduler.Shutdown();
        }
    }

    private static async Task PollAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the scheduler should have got there by now");
            await Task.Delay(20);
        }
    }

    public sealed class NoopJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    private sealed class RunCounter : IJobListener
    {
        private int _count;

        public string Name => "run-counter";

        public int Count => Volatile.Read(ref _count);

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.CompletedTask;
        }
    }
}
