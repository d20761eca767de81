using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Stocks;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Stocks;

/// <summary>The stock read endpoints as a client uses them.</summary>
internal static class StocksApi
{
    /// <summary><c>data</c> of a 200 envelope.</summary>
    public static async Task<JsonElement> DataAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var envelope = JsonDocument.Parse(body).RootElement.Clone();
        envelope.GetProperty("success").GetBoolean().Should().BeTrue();
        return envelope.GetProperty("data");
    }

    public static Task<JsonElement> ListAsync(this HttpClient client, string query = "") => client.DataAsync(StocksApiPaths.List + query);

    public static async Task<JsonElement> ProblemAsync(this HttpClient client, string path, HttpStatusCode status)
        => await (await client.GetAsync(path)).ProblemAsync(status);

    public static IReadOnlyList<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    public static IReadOnlyList<string> Codes(this JsonElement page) => page.Items().Select(i => i.GetProperty("code").GetString()!).ToList();

    public static double? Number(this JsonElement item, string name)
        => item.GetProperty(name).ValueKind == JsonValueKind.Null ? null : item.GetProperty(name).GetDouble();

    /// <summary>One cache's entry of <c>GET /api/monitoring/cache</c>.</summary>
    public static async Task<JsonElement> CacheStatsAsync(this HttpClient client, string cache)
    {
        var data = await client.DataAsync(StocksApiPaths.CacheStatistics);
        return data.GetProperty("caches").EnumerateArray().Single(c => c.GetProperty("name").GetString() == cache);
    }

    /// <summary>Runs a stock-basics sync through HTTP and waits until it has ended.</summary>
    public static async Task<JsonElement> SyncStockBasicsAsync(this HttpClient operatorClient, string query = "")
    {
        var run = await operatorClient.WaitForEndAsync((await (await operatorClient.RunStockBasicsAsync(query)).AcceptedRunAsync()).TaskId());
        run.GetProperty("status").GetString().Should().Be("success", run.ToString());
        return run;
    }

    public static async Task<JsonElement> SyncDailyBasicAsync(this HttpClient operatorClient, string startDate, string endDate)
    {
        var run = await operatorClient.WaitForEndAsync((await (await operatorClient.RunBatchAsync(startDate, endDate)).AcceptedRunAsync()).TaskId());
        run.GetProperty("status").GetString().Should().Be("success", run.ToString());
        return run;
    }
}
