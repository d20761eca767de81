using System.Diagnostics;

namespace SyncMonitor.Api.Modules.Metrics.Tracing;

/// <summary>The service's own spans (activity source <c>SyncMonitor</c>): a sync run, each source call, each named
/// operation such as a store batch. Every span inside a run carries the run's task id (<see cref="TaskIdTag"/>), taken
/// from the run span it descends from. Without a tracer provider (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> unset) nothing
/// listens and <see cref="Start"/> returns null at the cost of one check.</summary>
public static class SyncMonitorTracing
{
    public const string SourceName = "SyncMonitor";
    public const string TaskIdTag = "syncmonitor.task_id";

    // One per process, as .NET tracing intends: listeners, not this source, decide whether anything is recorded.
    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a span under the current one; <paramref name="taskId"/> or else the enclosing run's task id is
    /// set as <see cref="TaskIdTag"/>.</summary>
    public static Activity? Start(string name, string? taskId = null, params (string Key, object? Value)[] tags)
    {
        var activity = Source.StartActivity(name, ActivityKind.Internal);
        if (activity is null)
        {
            return null;
        }

        if ((taskId ?? EnclosingTaskId(activity.Parent)) is { } id)
        {
            activity.SetTag(TaskIdTag, id);
        }

        foreach (var (key, value) in tags)
        {
            activity.SetTag(key, value);
        }

        return activity;
    }

    /// <summary>Marks a span failed with a short reason (never a stack, never a secret: callers pass redacted text).</summary>
    public static void Failed(Activity? activity, string reason) => activity?.SetStatus(ActivityStatusCode.Error, reason);

    private static string? EnclosingTaskId(Activity? parent)
    {
        for (var current = parent; current is not null; current = current.Parent)
        {
            if (current.GetTagItem(TaskIdTag) is string id)
            {
                return id;
            }
        }

        return null;
    }
}
