using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Consistency.CrossSource;

namespace SyncMonitor.IntegrationTests.Consistency.CrossSource;

/// <summary>The consistency endpoints as a client uses them.</summary>
internal static class ConsistencyApi
{
    public static Task<HttpResponseMessage> CheckAsync(this HttpClient client, string primary, string secondary, IEnumerable<string>? codes = null)
        => client.PostAsJsonAsync(CrossSourceApiPaths.Check, new { primary, secondary, codes = codes?.ToArray() });

    /// <summary>Runs a check that must succeed; returns the 201 body.</summary>
    public static async Task<JsonElement> CheckedAsync(this HttpClient client, string primary, string secondary, IEnumerable<string>? codes = null)
    {
        var response = await client.CheckAsync(primary, secondary, codes);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.Headers.Location!.ToString().Should().Be(CrossSourceApiPaths.ReportFor(report.Id()));
        return report;
    }

    public static string Id(this JsonElement report) => report.GetProperty("id").GetString()!;

    public static async Task<JsonElement> ReportAsync(this HttpClient client, string id, string query = "")
    {
        var response = await client.GetAsync(CrossSourceApiPaths.ReportFor(id) + query);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> ResolveAsync(this HttpClient client, string id, object? body)
        => body is null
            ? client.PostAsync(CrossSourceApiPaths.ResolveFor(id), content: null)
            : client.PostAsJsonAsync(CrossSourceApiPaths.ResolveFor(id), body);

    public static IEnumerable<JsonElement> Items(this JsonElement report) => report.GetProperty("stocks").GetProperty("items").EnumerateArray();

    public static IReadOnlyList<string> Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    /// <summary>(code, metric) for every metric out of tolerance in the page's stocks.</summary>
    public static IEnumerable<(string Code, string Metric)> FlaggedMetrics(this JsonElement report)
        => report.Items().SelectMany(stock => stock.GetProperty("differences").EnumerateObject()
            .Where(d => d.Value.GetProperty("within_tolerance").ValueKind == JsonValueKind.False)
            .Select(d => (stock.GetProperty("code").GetString()!, d.Name)));
}
