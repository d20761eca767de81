using System.Net;
using System.Text;
using System.Text.Json;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Foundation;

/// <summary>Walks /swagger/v1/swagger.json the way a client generator would and lists every gap.</summary>
public sealed class OpenApiDocumentTests : IClassFixture<SyncMonitorFactory>
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];
    private readonly SyncMonitorFactory _host;

    public OpenApiDocumentTests(SyncMonitorFactory host) => _host = host;

    [Fact]
    public async Task Every_operation_has_a_summary_a_description_and_an_example_for_its_body()
    {
        var gaps = new List<string>();
        foreach (var (name, operation) in Operations(await DocumentAsync()))
        {
            gaps.AddRange(new[] { "summary", "description" }.Where(t => Text(operation, t) is null).Select(t => $"{name}: no {t}"));
            if (operation.TryGetProperty("requestBody", out var body)
                && !body.GetProperty("content").EnumerateObject().All(c => c.Value.TryGetProperty("example", out _)))
            {
                gaps.Add($"{name}: request body without example");
            }
        }

        gaps.Should().BeEmpty();
    }

    [Fact]
    public async Task Every_api_operation_documents_401_429_and_the_403_it_really_answers()
    {
        var anonymous = _host.CreateClient(apiKey: null);
        var viewer = _host.CreateClient(TestApiKeys.Viewer);
        var gaps = new List<string>();
        foreach (var (name, operation) in Operations(await DocumentAsync()).Where(o => o.Name.Contains(" /api/", StringComparison.Ordinal)))
        {
            var responses = operation.GetProperty("responses");
            var (method, path) = (name.Split(' ')[0], name.Split(' ')[1]);
            if ((await SendAsync(anonymous, method, path)) == HttpStatusCode.Unauthorized && !responses.TryGetProperty("401", out _))
            {
                gaps.Add($"{name}: answers 401 without a key but does not document it");
            }

            if ((await SendAsync(viewer, method, path)) == HttpStatusCode.Forbidden && !responses.TryGetProperty("403", out _))
            {
                gaps.Add($"{name}: answers 403 to a viewer but does not document it");
            }

            if (method != "GET" && !(responses.TryGetProperty("429", out var limited) && Describes(limited, "Rate limit reached")))
            {
                gaps.Add($"{name}: mutating call is rate limited but 429 does not say so");
            }

            if (!(responses.TryGetProperty("429", out var refused) && Describes(refused, "refused (401/403) too often")))
            {
                gaps.Add($"{name}: the refusal limiter's 429 (before authentication, on every call) is not documented");
            }
        }

        gaps.Should().BeEmpty();
    }

    [Theory]
    [InlineData("/api/sync/stock_basics/run")]
    [InlineData("/api/v1/sync-status/sync/batch")]
    public async Task The_busy_409_has_its_own_schema_with_current_task(string path)
    {
        var document = await DocumentAsync();
        var conflict = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("responses").GetProperty("409");
        var reference = conflict.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString()!;
        reference.Should().NotEndWith("/ProblemDetails");
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.Split('/')[^1]);
        schema.GetProperty("properties").TryGetProperty("current_task", out _).Should().BeTrue();
        schema.GetProperty("properties").TryGetProperty("detail", out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_viewer_read_documents_401_and_only_the_refusal_429_but_not_403()
    {
        var responses = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/sync/current").GetProperty("get").GetProperty("responses");
        responses.TryGetProperty("401", out _).Should().BeTrue();
        responses.TryGetProperty("403", out _).Should().BeFalse();
        var tooMany = responses.GetProperty("429").GetProperty("description").GetString();
        tooMany.Should().Contain("refused (401/403) too often").And.NotContain("Rate limit reached").And.NotContain("slow reads");
    }

    private static bool Describes(JsonElement response, string text)
        => response.GetProperty("description").GetString()!.Contains(text, StringComparison.Ordinal);

    private async Task<JsonElement> DocumentAsync()
        => JsonDocument.Parse(await _host.CreateClient(apiKey: null).GetStringAsync("/swagger/v1/swagger.json")).RootElement;

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                yield return ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value);
            }
        }
    }

    private static string? Text(JsonElement operation, string property)
        => operation.TryGetProperty(property, out var value) && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString() : null;

    /// <summary>Path parameters get a placeholder; the answer before the endpoint runs (401/403) is what counts.</summary>
    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string path)
    {
        var concrete = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "x");
        using var request = new HttpRequestMessage(new HttpMethod(method), concrete);
        if (method != "GET")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return (await client.SendAsync(request)).StatusCode;
    }
}
