using System.Net;
using System.Text.Json;
using System.Text;
using SyncMonitor.IntegrationTests.Foundation.Language;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Foundation;

public sealed class ProblemDetailsTests : IClassFixture<ProblemDetailsTests.Host>
{
    private readonly Host _host;

    public ProblemDetailsTests(Host host) => _host = host;

    public sealed class Host : SyncMonitorFactory
    {
        public Host() => this.WithTestEndpoints();
    }

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.Should().NotContain("   at ", "no stack trace leaves the service");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.TryGetProperty("trace_id", out _).Should().BeTrue();
        return problem;
    }

    [Fact]
    public async Task Validation_error_is_400_with_per_field_errors()
    {
        var problem = await ProblemOf(await _host.CreateClient(TestApiKeys.Viewer).InEnglish().GetAsync(TestEndpoints.Invalid), HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("page_size")[0].GetString().Should().Contain("between 1 and 200");
        problem.GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Malformed_json_body_is_400_not_500()
    {
        using var content = new StringContent("{\"name\": \"x\", \"count\": ", Encoding.UTF8, "application/json");
        var problem = await ProblemOf(await _host.CreateClient(TestApiKeys.Operator).PostAsync(TestEndpoints.Echo, content), HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Wrongly_typed_json_body_is_400()
    {
        using var content = new StringContent("{\"name\": \"x\", \"count\": \"many\"}", Encoding.UTF8, "application/json");
        await ProblemOf(await _host.CreateClient(TestApiKeys.Operator).PostAsync(TestEndpoints.Echo, content), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Missing_key_is_401_problem()
        => await ProblemOf(await _host.CreateClient(apiKey: null).GetAsync(TestEndpoints.Invalid), HttpStatusCode.Unauthorized);

    [Fact]
    public async Task Insufficient_role_is_403_problem()
        => await ProblemOf(await _host.CreateClient(TestApiKeys.Viewer).PostAsync(TestEndpoints.OperatorOnly, null), HttpStatusCode.Forbidden);

    [Fact]
    public async Task Unknown_path_is_404_problem()
        => await ProblemOf(await _host.CreateClient(TestApiKeys.Viewer).GetAsync("/api/no/such/thing"), HttpStatusCode.NotFound);

    [Fact]
    public async Task Unhandled_exception_is_500_problem_without_message_or_secret()
    {
        var response = await _host.CreateClient(TestApiKeys.Viewer).GetAsync(TestEndpoints.Throws);
        var problem = await ProblemOf(response, HttpStatusCode.InternalServerError);
        problem.GetRawText().Should().NotContain(TestEndpoints.LeakySecret).And.NotContain("InvalidOperationException");
    }
}

public sealed class RateLimitTests
{
    [Fact]
    public async Task Mutating_calls_over_the_budget_get_429_problem_with_retry_after()
    {
        using var host = new SyncMonitorFactory().With("RateLimiting:MutatingPermitsPerMinute", "2").WithTestEndpoints();
        var client = host.CreateClient(TestApiKeys.Operator);
        (await client.PostAsync(TestEndpoints.OperatorOnly, null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostAsync(TestEndpoints.OperatorOnly, null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var limited = await client.PostAsync(TestEndpoints.OperatorOnly, null);

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        limited.Headers.RetryAfter.Should().NotBeNull();
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        (await client.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.OK, "reads are not limited");
    }

    [Fact]
    public async Task Budgets_are_per_caller()
    {
        using var host = new SyncMonitorFactory().With("RateLimiting:MutatingPermitsPerMinute", "1").WithTestEndpoints();
        (await host.CreateClient(TestApiKeys.Operator).PostAsync(TestEndpoints.OperatorOnly, null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.CreateClient(TestApiKeys.Admin).PostAsync(TestEndpoints.OperatorOnly, null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
