using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Health;
using SyncMonitor.Api.Common.Metrics;

namespace SyncMonitor.Api.Common.Scheduling;

/// <summary>The shared scheduler: Quartz on an in-memory store (the global sync lock, not Quartz, decides what
/// runs across instances), jobs built per firing in their own DI scope, cron in configuration, the job API.</summary>
public static class SchedulingModule
{
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddValidatedOptions<SchedulerOptions>(SchedulerOptions.Section);
        services.AddSingleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddStartupSeries<SchedulerMetrics>();
        services.AddSingleton<JobRunJournal>();
        services.AddSingleton<ScheduledJobCatalog>();
        services.AddQuartz(quartz => quartz
            .UseSchedulerDefaults()
            .AddJobListener<JobRunListener>([Matchers.AllJobs()]));
        services.AddHostedService<ScheduledJobInstaller>();
        services.AddQuartzHostedService(hosted =>
        {
            // Started with the host rather than after it: once the host is up the scheduler runs, so readiness never
            // reports a freshly started instance unready. Jobs need nothing the host does after its hosted services.
            hosted.AwaitApplicationStarted = false;
            // A graceful stop lets running jobs finish, bounded by the host's shutdown timeout (HostOptions.ShutdownTimeout).
            hosted.WaitForJobsToComplete = true;
        });
        services.AddHealthChecks().AddQuartz(check =>
        {
            check.Name = "scheduler";
            check.Tags.Add(HealthModule.ReadyTag);
        });
        return services;
    }

    /// <summary>Registers <typeparamref name="TJob"/> to run on <paramref name="defaultCron"/> (Quartz cron, seconds
    /// first) in <c>Scheduler:TimeZone</c>. <c>Scheduler:Jobs:{name}:Cron</c> overrides the cron and
    /// <c>Scheduler:Jobs:{name}:Enabled=false</c> registers it paused. Every job runs non-concurrently (a second
    /// firing waits for the first), whether or not its class says <see cref="DisallowConcurrentExecutionAttribute"/>;
    /// firings missed while the service was down or the job paused are skipped, not caught up. The job is built per
    /// firing from a DI scope of its own, so it may take scoped services.</summary>
    public static IServiceCollection AddScheduledJob<TJob>(
        this IServiceCollection services, string name, string defaultCron, string description)
        where TJob : class, IJob
    {
        ArgumentNullException.ThrowIfNull(description);
        if (!ScheduledJobDefinition.IsValidName(name))
        {
            throw new ArgumentException($"Job name '{name}' must be lowercase words joined by '_' or '-'.", nameof(name));
        }

        if (JobSchedules.DescribeInvalidCron(defaultCron, DateTimeOffset.UtcNow) is { } problem)
        {
            throw new ArgumentException($"Default cron '{defaultCron}' of job '{name}' {problem}", nameof(defaultCron));
        }

        if (services.Any(d => d.ImplementationInstance is ScheduledJobDefinition existing && existing.Name == name))
        {
            throw new InvalidOperationException($"A scheduled job named '{name}' is already registered.");
        }

        services.AddSingleton(new ScheduledJobDefinition(name, typeof(TJob), defaultCron, description));
        services.TryAddScoped<TJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapScheduler(this IEndpointRouteBuilder endpoints)
        => endpoints.MapSchedulerEndpoints();

    /// <summary>The scheduler itself, shared with tests that build one without the host. Misfire handling is per
    /// trigger: cron triggers drop missed firings (see <see cref="JobSchedules"/>), while a manual run queued behind
    /// a long run of the same job keeps Quartz's default and fires once that run ends, however late.</summary>
    internal static IQuartzBuilder UseSchedulerDefaults(this IQuartzBuilder quartz) => quartz
        .ConfigureScheduler(scheduler => scheduler.InstanceName = "SyncMonitor")
        .UseInMemoryStore();
}
