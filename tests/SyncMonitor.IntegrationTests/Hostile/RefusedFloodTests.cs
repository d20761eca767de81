using System.Net;
using SyncMonitor.IntegrationTests.OperationLogs;

namespace SyncMonitor.IntegrationTests.Hostile;

/// <summary>Issue 16 row 1: refused requests are rate limited per client IP before authentication, audited without
/// their query, and a flood adds neither rows nor log lines beyond the budget.</summary>
public sealed class RefusedFloodTests : IClassFixture<RefusedFloodTests.Host>
{
    public const int Budget = 5;
    private readonly Host _host;

    public RefusedFloodTests(Host host) => _host = host;

    public sealed class Host : HostileHost
    {
        public Host() => With("RateLimiting:RefusedPermitsPerMinute", Budget.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_flood_of_anonymous_posts_gets_429_after_the_budget_and_stores_no_query()
    {
        var marker = "flood" + Guid.NewGuid().ToString("N")[..8];
        var query = string.Join('&', Enumerable.Range(0, 15).Select(i => $"k{i}={new string('a', 500)}"));
        var client = _host.CreateClient(apiKey: null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            var response = await client.PostAsync($"/api/{marker}?{query}", null);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
                response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
            }
        }

        statuses.Take(Budget).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        statuses.Skip(Budget).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests);

        // Even a valid key from that address waits for the window: the limiter runs before authentication.
        (await _host.CreateClient(TestApiKeys.Viewer).GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        var stored = await LogForgingTests.EventuallyAsync(
            () => _host.AllAsync().GetAwaiter().GetResult().Where(e => e.Action.Contains(marker, StringComparison.Ordinal)).ToList(),
            entries => entries.Count >= Budget);
        stored.Should().HaveCount(Budget, "only the refusals within the budget are audited");
        stored.Should().OnlyContain(e => !e.Details.ContainsKey("query") && e.ErrorMessage != null);
        stored.Select(e => e.Details.ToJsonString()).Should().NotContain(d => d.Contains("aaaa", StringComparison.Ordinal));

        var lines = _host.LogLines(marker);
        lines.Should().HaveCount(Budget, "each audited refusal has one request line, the 429s none");
        _host.ReadLog().Should().Contain("used its budget of refused requests");
    }
}

/// <summary>Issue 16 row 9: secrets in a query or in manual details are masked at any depth, in any case.</summary>
public sealed class RedactionTests : IClassFixture<HostileHost>
{
    private readonly HostileHost _host;

    public RedactionTests(HostileHost host) => _host = host;

    [Fact]
    public async Task Secrets_in_the_query_of_a_cancel_are_stored_masked()
    {
        var session = OperationLogProbe.NewSession();
        var client = _host.CreateSessionClient(TestApiKeys.Operator, session);
        await client.PostAsync("/api/sync/tasks/x/cancel?authorization=Bearer%20s1&key=s2&pwd=s3&PASSWD=s4&Cookie=s5&session=s6&page=7", null);

        var entry = (await _host.WaitForSessionAsync(session)).Single();
        var query = entry.Details["query"]!.AsObject();
        foreach (var name in new[] { "authorization", "key", "pwd", "PASSWD", "Cookie", "session" })
        {
            query[name]!.GetValue<string>().Should().Be("***", name);
        }

        query["page"]!.GetValue<string>().Should().Be("7");
        entry.Details.ToJsonString().Should().NotContainAny("s1", "s2", "s3", "s4", "s5", "s6");
    }

    [Fact]
    public async Task Secrets_in_manual_details_are_masked_at_any_depth_before_viewers_read_them()
    {
        var marker = "redact" + Guid.NewGuid().ToString("N")[..8];
        var json = "{\"action_type\":\"manual\",\"action\":\"" + marker + "\",\"details\":{\"Authorization\":\"Bearer z1\","
            + "\"nested\":{\"COOKIE\":\"z2\",\"list\":[{\"Pwd\":\"z3\",\"note\":\"kept\"}],\"x-api-key\":\"z4\",\"SessionId\":\"z5\"}}}";
        (await _host.CreateClient(TestApiKeys.Operator).PostAsync("/api/system/logs/create", HostileAssertions.Json(json)))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        var listed = await _host.CreateClient(TestApiKeys.Viewer).GetStringAsync($"/api/system/logs/list?keyword={marker}");
        listed.Should().Contain(marker).And.Contain("kept").And.NotContainAny("z1", "z2", "z3", "z4", "z5");
    }
}
