using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.Scheduling;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Scheduling;

/// <summary>The real host with test jobs on a cron that does not fire during a test run (20:00 Shanghai).</summary>
public class SchedulerHost : SyncMonitorFactory
{
    public const string NightlyCron = "0 0 20 * * ?";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public SchedulerHost()
    {
        With("Scheduler:Enabled", "true");
        WithServices(services =>
        {
            services.AddSingleton<JobProbes>();
            foreach (var name in new[] { "probe_b", "probe_a", "probe_trigger", "probe_pause", "probe_overlap", "probe_metrics" })
            {
                services.AddScheduledJob<ProbeJob>(name, NightlyCron, $"Test job {name}");
            }

            services.AddScheduledJob<FailingJob>("failing", NightlyCron, "Always throws");
            services.AddScheduledJob<SkippingJob>("skipping", NightlyCron, "Reports a skipped run");
        });
    }

    public JobProbe Probe(string name) => Services.GetRequiredService<JobProbes>().For(name);

    public static async Task<List<JobDto>> JobsAsync(HttpClient client)
        => (await client.GetFromJsonAsync<List<JobDto>>(SchedulerApiPaths.Jobs, Json))!;

    public static async Task<JobDto> JobAsync(HttpClient client, string name)
        => (await JobsAsync(client)).Single(j => j.Name == name);
}

/// <summary>The wire shape of one job.</summary>
public sealed record JobDto(
    string Name,
    string Description,
    string Cron,
    string TimeZone,
    DateTimeOffset? NextFireTime,
    DateTimeOffset? PreviousFireTime,
    bool Enabled,
    bool Paused,
    PauseDto? Pause,
    bool Running,
    RunDto? LastResult);

public sealed record PauseDto(string? Reason, string? RequestedBy, DateTimeOffset PausedAt);

public sealed record RunDto(string Outcome, string? Message, string TriggeredBy, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, long DurationMs);
