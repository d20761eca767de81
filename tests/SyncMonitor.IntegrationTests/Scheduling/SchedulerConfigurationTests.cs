using System.Net;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Scheduling;

/// <summary>A host whose configuration moves the schedule: another time zone, a cron override, a disabled job.</summary>
public sealed class SchedulerConfigurationTests : IClassFixture<SchedulerConfigurationTests.Host>
{
    private readonly Host _host;

    public SchedulerConfigurationTests(Host host) => _host = host;

    public sealed class Host : SchedulerHost
    {
        public Host()
        {
            With("Scheduler:TimeZone", "Europe/Berlin");
            With("Scheduler:Jobs:probe_b:Cron", "0 30 9 ? * MON-FRI");
            With("Scheduler:Jobs:probe_a:Enabled", "false");
        }
    }

    private HttpClient Admin => _host.CreateClient(TestApiKeys.Admin);

    [Fact]
    public async Task A_configured_cron_and_time_zone_replace_the_defaults()
    {
        var job = await SchedulerHost.JobAsync(Admin, "probe_b");

        job.Cron.Should().Be("0 30 9 ? * MON-FRI");
        job.TimeZone.Should().Be("Europe/Berlin");
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var local = TimeZoneInfo.ConvertTime(job.NextFireTime!.Value, berlin);
        local.TimeOfDay.Should().Be(new TimeSpan(9, 30, 0));
        local.DayOfWeek.Should().NotBe(DayOfWeek.Saturday).And.NotBe(DayOfWeek.Sunday);
        job.NextFireTime.Value.Offset.Should().Be(berlin.GetUtcOffset(job.NextFireTime.Value));
        (await SchedulerHost.JobAsync(Admin, "probe_trigger")).Cron.Should().Be(SchedulerHost.NightlyCron, "other jobs keep their default");
    }

    [Fact]
    public async Task A_job_disabled_in_configuration_is_listed_paused_runs_by_hand_and_can_be_resumed()
    {
        var job = await SchedulerHost.JobAsync(Admin, "probe_a");
        job.Enabled.Should().BeFalse();
        job.Paused.Should().BeTrue();
        job.NextFireTime.Should().BeNull();
        job.Pause!.RequestedBy.Should().Be("configuration");
        job.Pause.Reason.Should().Contain("Scheduler:Jobs:probe_a:Enabled=false");

        (await Admin.PostAsync(SchedulerApiPaths.Trigger("probe_a"), content: null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _host.Probe("probe_a").Finished == 1, "a disabled job still runs by hand");

        var resumed = await Admin.PostAsync(SchedulerApiPaths.Resume("probe_a"), content: null);
        resumed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await SchedulerHost.JobAsync(Admin, "probe_a")).NextFireTime.Should().NotBeNull();
    }
}
