using Microsoft.Extensions.Time.Testing;
using Quartz;
using SyncMonitor.Api.Common.Scheduling;

namespace SyncMonitor.UnitTests.Scheduling;

public sealed class JobSchedulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero));
    private static readonly ScheduledJobDefinition Daily = new("scheduler_daily", typeof(MisfireTests.GatedJob), "0 0 20 * * ?", "nightly sync");

    [Fact]
    public void Eight_pm_daily_in_Shanghai_fires_at_noon_utc()
    {
        var trigger = JobSchedules.BuildTrigger(Daily, Daily.DefaultCron, Shanghai, Time);

        trigger.GetFireTimeAfter(Time.GetUtcNow()).Should().Be(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        trigger.GetFireTimeAfter(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero))
            .Should().Be(new DateTimeOffset(2026, 3, 11, 12, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void The_configured_time_zone_moves_the_same_cron_to_another_instant()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var trigger = (ICronTrigger)JobSchedules.BuildTrigger(Daily, Daily.DefaultCron, berlin, Time);

        trigger.TimeZone.Id.Should().Be("Europe/Berlin");
        trigger.GetFireTimeAfter(Time.GetUtcNow()).Should().Be(new DateTimeOffset(2026, 3, 10, 19, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void The_trigger_drops_missed_firings_instead_of_catching_up()
    {
        var trigger = (ICronTrigger)JobSchedules.BuildTrigger(Daily, Daily.DefaultCron, Shanghai, Time);

        trigger.MisfireInstruction.Should().Be(CronTriggerMisfireInstruction.DoNothing);
        trigger.Key.Should().Be(JobSchedules.TriggerKeyFor("scheduler_daily"));
        trigger.JobKey.Should().Be(JobSchedules.JobKeyFor("scheduler_daily"));
        trigger.CronExpressionString.Should().Be("0 0 20 * * ?");
    }

    [Fact]
    public void Every_job_is_non_concurrent_and_durable_whatever_its_class_says()
    {
        var job = JobSchedules.BuildJob(Daily);

        job.ConcurrentExecutionDisallowed.Should().BeTrue();
        job.Durable.Should().BeTrue();
        job.Key.Should().Be(new JobKey("scheduler_daily", JobSchedules.Group));
        job.Description.Should().Be("nightly sync");
    }

    [Theory]
    [InlineData("0 0 25 * * ?", "not a valid Quartz cron expression")]
    [InlineData("0 0 20 * *", "not a valid Quartz cron expression")]
    [InlineData("*/5 * * * *", "not a valid Quartz cron expression")]
    [InlineData("0 0 0 1 1 ? 2001", "never fires again")]
    public void A_cron_that_cannot_drive_a_trigger_is_described(string cron, string expected)
        => JobSchedules.DescribeInvalidCron(cron, Time.GetUtcNow()).Should().Contain(expected);

    [Theory]
    [InlineData("0 0 20 * * ?")]
    [InlineData("0 */15 * * * ?")]
    [InlineData("0 0 2 ? * MON-FRI")]
    public void A_usable_cron_is_accepted(string cron) => JobSchedules.DescribeInvalidCron(cron, Time.GetUtcNow()).Should().BeNull();
}
