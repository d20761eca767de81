using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Scheduling;

public sealed class SchedulerEndpointTests : IClassFixture<SchedulerHost>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly SchedulerHost _host;

    public SchedulerEndpointTests(SchedulerHost host) => _host = host;

    private HttpClient Admin => _host.CreateClient(TestApiKeys.Admin);

    [Fact]
    public async Task The_list_shows_every_job_by_name_with_its_cron_time_zone_and_next_fire_time()
    {
        var jobs = await SchedulerHost.JobsAsync(_host.CreateClient(TestApiKeys.Viewer));

        jobs.Select(j => j.Name).Should().BeInAscendingOrder(StringComparer.Ordinal)
            .And.Contain(["probe_a", "probe_b", "failing", "skipping"]);
        var job = jobs.Single(j => j.Name == "probe_a");
        job.Description.Should().Be("Test job probe_a");
        job.Cron.Should().Be(SchedulerHost.NightlyCron);
        job.TimeZone.Should().Be("Asia/Shanghai");
        job.Enabled.Should().BeTrue();
        job.Paused.Should().BeFalse();
        job.NextFireTime.Should().NotBeNull().And.BeAfter(DateTimeOffset.UtcNow).And.BeBefore(DateTimeOffset.UtcNow.AddDays(1).AddMinutes(1));
        job.NextFireTime!.Value.Offset.Should().Be(TimeSpan.FromHours(8), "fire times are shown in the scheduler's zone");
        TimeZoneInfo.ConvertTime(job.NextFireTime.Value, Shanghai).TimeOfDay.Should().Be(TimeSpan.FromHours(20));
    }

    [Fact]
    public async Task Trigger_runs_the_job_now_and_the_list_shows_who_ran_it_and_how_it_ended()
    {
        var response = await Admin.PostAsync(SchedulerApiPaths.Trigger("probe_trigger"), content: null);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await response.Content.ReadFromJsonAsync<JobDto>(SchedulerHost.Json))!.Name.Should().Be("probe_trigger");
        await Eventually.HoldsAsync(() => _host.Probe("probe_trigger").Finished == 1, "the triggered run finished");
        await Eventually.HoldsAsync(
            async () => (await SchedulerHost.JobAsync(Admin, "probe_trigger")).LastResult is not null, "the run is recorded");
        var job = await SchedulerHost.JobAsync(Admin, "probe_trigger");
        job.LastResult!.Outcome.Should().Be("success");
        job.LastResult.TriggeredBy.Should().Be("u-admin");
        job.Running.Should().BeFalse();
        job.NextFireTime.Should().NotBeNull("a manual run leaves the schedule alone");
    }

    [Fact]
    public async Task A_failing_run_is_recorded_as_failed_with_its_message_and_a_skipped_run_as_skipped()
    {
        (await Admin.PostAsync(SchedulerApiPaths.Trigger("failing"), content: null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await Admin.PostAsync(SchedulerApiPaths.Trigger("skipping"), content: null)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        await Eventually.HoldsAsync(
            async () => (await SchedulerHost.JobAsync(Admin, "failing")).LastResult is not null
                && (await SchedulerHost.JobAsync(Admin, "skipping")).LastResult is not null,
            "both runs are recorded");
        var failed = (await SchedulerHost.JobAsync(Admin, "failing")).LastResult!;
        failed.Outcome.Should().Be("failed");
        failed.Message.Should().Be("InvalidOperationException: source unreachable").And.NotContain(" at ");
        var skipped = (await SchedulerHost.JobAsync(Admin, "skipping")).LastResult!;
        skipped.Outcome.Should().Be("skipped");
        skipped.Message.Should().Be("sync already running");
    }

    [Fact]
    public async Task A_paused_job_has_no_next_fire_time_still_runs_by_hand_and_is_scheduled_again_when_resumed()
    {
        var pause = await Admin.PostAsync(SchedulerApiPaths.Pause("probe_pause"), content: null);
        pause.StatusCode.Should().Be(HttpStatusCode.OK);
        var paused = (await pause.Content.ReadFromJsonAsync<JobDto>(SchedulerHost.Json))!;
        paused.Paused.Should().BeTrue();
        paused.NextFireTime.Should().BeNull();
        paused.Pause!.RequestedBy.Should().Be("u-admin");

        (await Admin.PostAsync(SchedulerApiPaths.Trigger("probe_pause"), content: null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => _host.Probe("probe_pause").Finished == 1, "a paused job still runs by hand");
        (await SchedulerHost.JobAsync(Admin, "probe_pause")).Paused.Should().BeTrue("a manual run does not resume the schedule");

        var resume = await Admin.PostAsync(SchedulerApiPaths.Resume("probe_pause"), content: null);
        resume.StatusCode.Should().Be(HttpStatusCode.OK);
        var resumed = (await resume.Content.ReadFromJsonAsync<JobDto>(SchedulerHost.Json))!;
        resumed.Paused.Should().BeFalse();
        resumed.Pause.Should().BeNull();
        resumed.NextFireTime.Should().NotBeNull().And.BeAfter(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Triggering_twice_quickly_never_overlaps_the_second_run_waits_for_the_first()
    {
        var probe = _host.Probe("probe_overlap");
        probe.Gated = true;

        (await Admin.PostAsync(SchedulerApiPaths.Trigger("probe_overlap"), content: null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await Admin.PostAsync(SchedulerApiPaths.Trigger("probe_overlap"), content: null)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        await Eventually.HoldsAsync(() => probe.Started == 1, "the first run started");
        await Eventually.HoldsAsync(SecondRunIsBlockedAsync, "the second firing waits, blocked by the running one");
        (await SchedulerHost.JobAsync(Admin, "probe_overlap")).Running.Should().BeTrue();
        probe.Started.Should().Be(1);

        probe.Release();
        await Eventually.HoldsAsync(() => probe.Started == 2, "the second run starts once the first ended");
        probe.Release();
        await Eventually.HoldsAsync(() => probe.Finished == 2, "both runs finished");
        probe.MaxRunning.Should().Be(1);
    }

    [Theory]
    [InlineData(TestApiKeys.Viewer, "trigger")]
    [InlineData(TestApiKeys.Viewer, "pause")]
    [InlineData(TestApiKeys.Operator, "trigger")]
    [InlineData(TestApiKeys.Operator, "resume")]
    public async Task Scheduler_control_is_for_admins_only(string key, string action)
    {
        var response = await _host.CreateClient(key).PostAsync($"{SchedulerApiPaths.Jobs}/probe_b/{action}", content: null);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        _host.Probe("probe_b").Started.Should().Be(0);
        (await SchedulerHost.JobAsync(Admin, "probe_b")).Paused.Should().BeFalse();
    }

    [Fact]
    public async Task The_list_needs_a_key()
        => (await _host.CreateClient(apiKey: null).GetAsync(SchedulerApiPaths.Jobs)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

    [Theory]
    [InlineData("trigger")]
    [InlineData("pause")]
    [InlineData("resume")]
    public async Task An_unknown_job_is_a_404_problem(string action)
    {
        var response = await Admin.PostAsync($"{SchedulerApiPaths.Jobs}/no_such_job/{action}", content: null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("no_such_job");
    }

    private async Task<bool> SecondRunIsBlockedAsync()
    {
        var scheduler = await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var cronTrigger = JobSchedules.TriggerKeyFor("probe_overlap");
        foreach (var trigger in await scheduler.GetTriggersOfJob(JobSchedules.JobKeyFor("probe_overlap")))
        {
            if (!trigger.Key.Equals(cronTrigger) && await scheduler.GetTriggerState(trigger.Key) == TriggerState.Blocked)
            {
                return true;
            }
        }

        return false;
    }
}
