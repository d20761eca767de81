using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>The sync endpoints as the SPA uses them: start, then poll until the run has ended.</summary>
internal static class SyncApi
{
    public static async Task<HttpResponseMessage> RunStockBasicsAsync(this HttpClient client, string query = "")
        => await client.PostAsync(SyncApiPaths.StockBasicsRun + query, content: null);

    public static async Task<HttpResponseMessage> RunBatchAsync(this HttpClient client, string startDate, string endDate)
        => await client.PostAsJsonAsync(SyncApiPaths.Batch, new { start_date = startDate, end_date = endDate });

    /// <summary>The accepted run's <c>data</c> from a 202 envelope.</summary>
    public static async Task<JsonElement> AcceptedRunAsync(this HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    public static string TaskId(this JsonElement run) => run.GetProperty("task_id").GetString()!;

    /// <summary>Polls until the run has ended — its record is final and it no longer holds the lock (the lease is
    /// released just after the record is written) — and returns its final record.</summary>
    public static async Task<JsonElement> WaitForEndAsync(this HttpClient client, string taskId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            var run = await FindRunAsync(client, taskId);
            if (run is { } found && found.GetProperty("status").GetString() != "running" && !await HoldsLockAsync(client, taskId))
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"run {taskId} did not end in time; last seen: {run}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<bool> HoldsLockAsync(HttpClient client, string taskId)
    {
        var current = (await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.Current)).GetProperty("data");
        return current.ValueKind == JsonValueKind.Object && current.TaskId() == taskId;
    }

    public static async Task<JsonElement?> FindRunAsync(this HttpClient client, string taskId)
    {
        var history = await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.History + "?page_size=200");
        foreach (var item in history.GetProperty("data").GetProperty("items").EnumerateArray())
        {
            if (item.TaskId() == taskId)
            {
                return item.Clone();
            }
        }

        return null;
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
