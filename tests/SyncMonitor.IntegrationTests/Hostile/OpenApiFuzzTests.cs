using System.Text.Json;
using Xunit.Abstractions;

namespace SyncMonitor.IntegrationTests.Hostile;

/// <summary>Issue 16: a seeded, bounded fuzz pass over every operation of the OpenAPI document — no 5xx, every 4xx is
/// problem+json, and no line at Error in the log. Also: the document declares the 415 and 429 the pipeline gives.</summary>
public sealed class OpenApiFuzzTests : IClassFixture<HostileHost>
{
    public const int Seed = 16;
    public const int PerOperation = 40;
    private readonly HostileHost _host;
    private readonly ITestOutputHelper _output;

    public OpenApiFuzzTests(HostileHost host, ITestOutputHelper output)
    {
        _host = host;
        _output = output;
    }

    [Fact]
    public async Task Thousands_of_generated_requests_get_no_5xx_only_problem_json_4xx_and_no_error_log_line()
    {
        var anonymous = _host.CreateClient(apiKey: null);
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/swagger/v1/swagger.json"));
        var clients = new Dictionary<string, HttpClient>
        {
            ["none"] = anonymous,
            ["viewer"] = _host.CreateClient(TestApiKeys.Viewer),
            ["admin"] = _host.CreateClient(TestApiKeys.Admin),
        };
        string[] keys = ["none", "viewer", "admin", "admin"];

        var failures = new List<string>();
        var sent = 0;
        var statuses = new SortedDictionary<int, int>();
        foreach (var (name, request, key) in new FuzzRequests(document.RootElement, Seed).Generate(PerOperation, keys))
        {
            using (request)
            {
                using var response = await clients[key].SendAsync(request);
                sent++;
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var mediaType = response.Content.Headers.ContentType?.MediaType;
                if (status >= 500)
                {
                    failures.Add($"{status} for {name} ({key}): {request.RequestUri}");
                }
                else if (status >= 400 && mediaType != "application/problem+json")
                {
                    failures.Add($"{status} without problem+json ({mediaType}) for {name} ({key}): {request.RequestUri}");
                }
            }
        }

        _output.WriteLine($"seed {Seed}: {sent} requests, statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        sent.Should().BeGreaterThan(1500);
        failures.Should().BeEmpty($"of {sent} requests (statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))})");
        var errorLines = _host.ReadLog().Split('\n').Where(l => l.Contains("[ERR]", StringComparison.Ordinal) || l.Contains("[FTL]", StringComparison.Ordinal)).ToList();
        errorLines.Should().BeEmpty();
    }

    [Fact]
    public async Task The_document_declares_415_on_json_bodies_and_429_on_expensive_reads()
    {
        using var document = JsonDocument.Parse(await _host.CreateClient(apiKey: null).GetStringAsync("/swagger/v1/swagger.json"));
        var paths = document.RootElement.GetProperty("paths");
        var jsonBodies = await InputTests.JsonBodyOperationsAsync(_host.CreateClient(apiKey: null));
        jsonBodies.Should().NotBeEmpty();
        foreach (var path in paths.EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("requestBody", out _)))
            {
                operation.Value.GetProperty("responses").TryGetProperty("415", out _).Should().BeTrue($"{operation.Name} {path.Name}");
            }
        }

        foreach (var expensive in new[] { "/api/system/logs/list", "/api/system/logs/stats", "/api/system/logs/export/csv" })
        {
            paths.GetProperty(expensive).GetProperty("get").GetProperty("responses").TryGetProperty("429", out _).Should().BeTrue(expensive);
        }
    }
}
