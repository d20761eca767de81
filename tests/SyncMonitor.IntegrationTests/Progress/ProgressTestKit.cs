using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Progress;

/// <summary>What the progress tests share: the stock-basics steps, fresh task ids, reading the endpoint, and
/// polling with generous deadlines (the machine is shared and loaded; nothing here depends on speed).</summary>
internal static class ProgressTestKit
{
    public static readonly ProgressStep[] SyncSteps =
    [
        new("fetch_list", 0.3),
        new("normalize", 0.1),
        new("upsert", 0.5),
        new("finalize", 0.1),
    ];

    public static string NewTaskId() => "t-" + Guid.NewGuid().ToString("N")[..16];

    public static IProgressTracker Tracker(this SyncMonitorFactory host) => host.Services.GetRequiredService<IProgressTracker>();

    public static Task<ITaskProgress> StartAsync(this SyncMonitorFactory host, string taskId)
        => host.Tracker().StartAsync(taskId, "stock_basics", SyncSteps, CancellationToken.None);

    /// <summary>GET …/progress as a viewer; the body when 200, else null.</summary>
    public static async Task<JsonElement?> ReadProgressAsync(this HttpClient viewer, string taskId)
    {
        using var response = await viewer.GetAsync(ProgressApiPaths.ForTask(taskId));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static double Percent(this JsonElement snapshot) => snapshot.GetProperty("progress").GetDouble();

    public static string Status(this JsonElement snapshot) => snapshot.GetProperty("status").GetString()!;

    public static TaskProgressSnapshot? ReadFile(string dataDirectory, string taskId)
    {
        var path = Path.Combine(dataDirectory, "progress", taskId + ".json");
        return File.Exists(path)
            ? JsonSerializer.Deserialize<TaskProgressSnapshot>(File.ReadAllText(path), SyncMonitor.Api.Common.Json.JsonSetup.Options)
            : null;
    }
}

/// <summary>Watches percentages read over time and fails on the first one lower than the one before.</summary>
internal sealed class MonotonicWatch
{
    private readonly List<double> _seen = [];

    public IReadOnlyList<double> Seen => _seen;

    public double Last => _seen.Count == 0 ? 0 : _seen[^1];

    public void Observe(double percent)
    {
        percent.Should().BeGreaterThanOrEqualTo(Last, "progress never goes backwards (seen so far: {0})", string.Join(", ", _seen));
        _seen.Add(percent);
    }
}
