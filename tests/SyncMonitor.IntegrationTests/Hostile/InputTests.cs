using System.Net;
using System.Text.Json;
using SyncMonitor.IntegrationTests.Foundation.Language;
using SyncMonitor.IntegrationTests.OperationLogs;

namespace SyncMonitor.IntegrationTests.Hostile;

/// <summary>Issue 16 rows 2, 3, 4, 5, 10 and 12: hostile input is a 4xx problem naming the field in plain words,
/// and nothing of it is stored.</summary>
public sealed class InputTests : IClassFixture<HostileHost>
{
    private readonly HostileHost _host;

    public InputTests(HostileHost host) => _host = host;

    /// <summary>Every operation of the OpenAPI document that takes a JSON body, as (method, path with sample ids).</summary>
    internal static async Task<List<(string Method, string Path)>> JsonBodyOperationsAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));
        var operations = new List<(string, string)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind == JsonValueKind.Object && operation.Value.TryGetProperty("requestBody", out var body)
                    && body.GetProperty("content").TryGetProperty("application/json", out _))
                {
                    operations.Add((operation.Name.ToUpperInvariant(), System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", "x1")));
                }
            }
        }

        return operations;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Every_json_endpoint_answers_415_to_a_body_without_json_content_type(string? contentType)
    {
        var client = _host.CreateClient(TestApiKeys.Admin);
        var operations = await JsonBodyOperationsAsync(client);
        operations.Should().HaveCountGreaterThanOrEqualTo(7, "the document lists the JSON endpoints");
        foreach (var (method, path) in operations)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = HostileAssertions.Json("{}", contentType) };
            var problem = await (await client.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
            problem.GetProperty("detail").GetString().Should().Contain("application/json", $"{method} {path}");
        }
    }

    [Theory]
    [InlineData("/api/monitoring/alerts?limit=1e9", "limit", "whole number")]
    [InlineData("/api/monitoring/alerts?limit=12abc", "limit", "whole number")]
    public async Task A_query_value_of_the_wrong_type_names_the_field_in_plain_words(string url, string? field, string? words)
    {
        var response = await _host.CreateClient(TestApiKeys.Viewer).InEnglish().GetAsync(url);
        if (field is null)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, "an empty value is no value");
            return;
        }

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().Should().Equal(field);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain(words);
    }

    [Fact]
    public async Task A_flag_that_is_not_true_or_false_is_400_naming_it()
    {
        var problem = await (await _host.CreateClient(TestApiKeys.Operator).InEnglish().PostAsync("/api/sync/stock_basics/run?force=maybe", null))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("force")[0].GetString().Should().Be("force must be true or false.");
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("{\"action_type\":\"dup\",\"action_type\":\"evil\",\"action\":\"a\"}", "action_type")]
    [InlineData("{\"action_type\":\"dup\",\"action\":\"a\",\"duration_ms\":\"12\"}", "duration_ms")]
    [InlineData("{\"action_type\":\"dup\",\"action\":\"a\",\"success\":\"yes\"}", "success")]
    [InlineData("{\"action_type\":\"dup\",\"action\":\"a\",\"details\":{\"k\":\"\\ud800\"}}", "details")]
    [InlineData("{\"action_type\":\"dup\",\"action\":\"a\",\"details\":{\"k\":1,\"k\":2}}", "details")]
    [InlineData("{\"action_type\":\"dup\",\"action\":\"a\",\"details\":{\"a\":[{\"k\":1,\"K\":2,\"k\":3}]}}", "details")]
    [InlineData("{\"action_type\":\"dup\",\"action\":\"\\udc00x\"}", "action")]
    [InlineData("{\"action_type\":\"dup\",\"action\":\"a\",\"details\":{\"\\ud800\":1}}", "details")]
    [InlineData("[1,2]", "body")]
    [InlineData("{\"action_type\": ", "body")]
    public async Task A_hostile_manual_entry_is_400_naming_the_field_and_stores_nothing(string json, string field)
    {
        var session = OperationLogProbe.NewSession();
        var client = _host.CreateSessionClient(TestApiKeys.Operator, session);
        var problem = await (await client.PostAsync("/api/system/logs/create", HostileAssertions.Json(json))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().Should().Equal(field);

        // The refused request is audited (as a failure) and nothing else: no manual entry with its content.
        var entries = await _host.WaitForSessionAsync(session);
        entries.Should().ContainSingle().Which.Success.Should().BeFalse();
        entries[0].ActionType.Should().NotBe("dup");
    }

    [Theory]
    [InlineData("/api/system/logs/list?start_date=0001-01-01", "start_date")]
    [InlineData("/api/system/logs/list?end_date=9999-12-31", "end_date")]
    [InlineData("/api/system/logs/list?start_date=0001-01-01T00:00:00Z", "start_date")]
    [InlineData("/api/system/logs/list?end_date=1989-12-31", "end_date")]
    [InlineData("/api/system/logs/export/csv?start_date=0001-01-01", "start_date")]
    [InlineData("/api/system/logs/export/csv?end_date=9999-12-31", "end_date")]
    [InlineData("/api/stocks/000001.SZ/daily_basic?start_date=0001-01-01", "start_date")]
    public async Task A_date_outside_1990_to_today_is_400_naming_the_field(string url, string field)
    {
        var response = await _host.CreateClient(TestApiKeys.Admin).GetAsync(url);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().Should().Contain(field);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain("1990-01-01");
    }

    [Theory]
    [InlineData("/api/system/logs/clear", "{\"before\":\"0001-01-01\"}", "before")]
    [InlineData("/api/system/logs/clear", "{\"before\":\"9999-12-31T00:00:00Z\"}", "before")]
    [InlineData("/api/v1/sync-status/sync/batch", "{\"start_date\":\"9999-12-31\",\"end_date\":\"9999-12-31\"}", "start_date")]
    [InlineData("/api/v1/sync-status/sync/batch", "{\"start_date\":\"0001-01-01\",\"end_date\":\"0001-01-01\"}", "end_date")]
    [InlineData("/api/monitoring/compensation", "{\"start_date\":\"0001-01-01\",\"end_date\":\"0001-01-02\"}", "start_date")]
    public async Task A_body_date_outside_1990_to_today_is_400_and_nothing_runs(string url, string json, string field)
    {
        var client = _host.CreateClient(TestApiKeys.Admin);
        var problem = await (await client.PostAsync(url, HostileAssertions.Json(json))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().Should().Contain(field);
        var current = await client.GetStringAsync("/api/sync/current");
        JsonDocument.Parse(current).RootElement.GetProperty("data").ValueKind.Should().Be(JsonValueKind.Null, "no run was started");
    }
}
