using System.Net;
using System.Net.Http.Json;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.IntegrationTests.Foundation.Language;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.OperationLogs;

public sealed class RecordingTests : IClassFixture<RecordingTests.Host>
{
    private readonly Host _host;

    public RecordingTests(Host host) => _host = host;

    public sealed class Host : SyncMonitorFactory
    {
        public Host() => this.WithTestEndpoints();
    }

    [Theory]
    [InlineData(TestApiKeys.Operator, "u-operator", "Otto Operator", "operator")]
    [InlineData(TestApiKeys.Admin, "u-admin", "Ada Admin", "admin")]
    public async Task A_mutating_call_is_recorded_with_its_user_role_status_and_duration(string key, string userId, string name, string role)
    {
        var session = OperationLogProbe.NewSession();
        using var request = new HttpRequestMessage(HttpMethod.Post, TestEndpoints.OperatorOnly);
        request.Headers.UserAgent.ParseAdd("oplog-test/1.0");
        request.Headers.Add("X-Session-Id", session);
        (await _host.CreateClient(key).SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        var entry = (await _host.WaitForSessionAsync(session)).Single();
        entry.UserId.Should().Be(userId);
        entry.Username.Should().Be(name);
        entry.Details["role"]!.GetValue<string>().Should().Be(role);
        entry.Details["status_code"]!.GetValue<int>().Should().Be(200);
        entry.Details["method"]!.GetValue<string>().Should().Be("POST");
        entry.ActionType.Should().Be("api", "the endpoint has no audit metadata");
        entry.Action.Should().Be("POST " + TestEndpoints.OperatorOnly);
        entry.Success.Should().BeTrue();
        entry.ErrorMessage.Should().BeNull();
        entry.DurationMs.Should().NotBeNull().And.BeGreaterThanOrEqualTo(0);
        entry.UserAgent.Should().Be("oplog-test/1.0");
        entry.Timestamp.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        entry.CreatedAt.Should().BeOnOrAfter(entry.Timestamp);
        entry.Id.Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task A_refused_call_is_recorded_as_failed_with_the_problem_title()
    {
        var session = OperationLogProbe.NewSession();
        (await _host.CreateSessionClient(TestApiKeys.Viewer, session).PostAsync(TestEndpoints.OperatorOnly, null))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var entry = (await _host.WaitForSessionAsync(session)).Single();
        entry.Success.Should().BeFalse();
        entry.UserId.Should().Be("u-viewer");
        entry.Details["status_code"]!.GetValue<int>().Should().Be(403);
        entry.ErrorMessage.Should().Be("无权执行此操作", "the problem title, in the request's language (zh-CN by default)");
    }

    [Fact]
    public async Task An_anonymous_call_is_recorded_as_anonymous()
    {
        var session = OperationLogProbe.NewSession();
        (await _host.CreateSessionClient(apiKey: null, session).PostAsync(TestEndpoints.OperatorOnly, null))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var entry = (await _host.WaitForSessionAsync(session)).Single();
        entry.UserId.Should().Be(ApiUser.Anonymous.Id);
        entry.Username.Should().Be(ApiUser.Anonymous.Name);
        entry.Details["role"]!.GetValue<string>().Should().Be("anonymous");
        entry.Success.Should().BeFalse();
        entry.ErrorMessage.Should().Be("未认证：缺少或无效的 API Key", "the problem title, in the request's language (zh-CN by default)");
    }

    [Fact]
    public async Task A_validation_failure_records_the_problem_detail_as_the_error_message()
    {
        var session = OperationLogProbe.NewSession();
        var response = await _host.CreateSessionClient(TestApiKeys.Operator, session).InEnglish() // the detail below, in English
            .PostAsJsonAsync(OperationLogApiPaths.Create, new { action_type = "", action = "x" });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var entry = (await _host.WaitForSessionAsync(session)).Single();
        entry.ActionType.Should().Be(AuditActionTypes.OperationLog);
        entry.Action.Should().Be("Create a manual operation log entry");
        entry.Success.Should().BeFalse();
        entry.ErrorMessage.Should().Contain("action_type is required");
    }

    [Fact]
    public async Task An_unhandled_exception_is_recorded_as_a_500_without_the_exception_message()
    {
        var session = OperationLogProbe.NewSession();
        (await _host.CreateSessionClient(TestApiKeys.Operator, session).InEnglish().PostAsync(TestEndpoints.Throws, null))
            .StatusCode.Should().Be(HttpStatusCode.InternalServerError);

        var entry = (await _host.WaitForSessionAsync(session)).Single();
        entry.Success.Should().BeFalse();
        entry.Action.Should().Be("POST " + TestEndpoints.Throws, "the endpoint is known although the error handler cleared it");
        entry.Details["status_code"]!.GetValue<int>().Should().Be(500);
        entry.ErrorMessage.Should().StartWith("An unexpected error occurred");
        entry.Details.ToJsonString().Should().NotContain(TestEndpoints.LeakySecret);
        entry.ErrorMessage.Should().NotContain(TestEndpoints.LeakySecret);
    }

    [Fact]
    public async Task Endpoint_metadata_names_the_action_and_a_marked_read_is_recorded()
    {
        var session = OperationLogProbe.NewSession();
        var client = _host.CreateSessionClient(TestApiKeys.Operator, session);
        (await client.GetAsync(TestEndpoints.AuditedRead)).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/test/audited/widget-7", null)).EnsureSuccessStatusCode();

        var entries = await _host.WaitForSessionAsync(session, 2);
        entries.Should().OnlyContain(e => e.ActionType == TestEndpoints.AuditedActionType);
        entries.Select(e => e.Action).Should().BeEquivalentTo("Audited read", "Audited write");
        var write = entries.Single(e => e.Action == "Audited write");
        write.Details["route"]!.GetValue<string>().Should().Be(TestEndpoints.AuditedWrite);
        write.Details["route_values"]!["name"]!.GetValue<string>().Should().Be("widget-7");
    }

    [Fact]
    public async Task Reads_that_are_not_marked_are_not_recorded()
    {
        var session = OperationLogProbe.NewSession();
        var client = _host.CreateSessionClient(TestApiKeys.Admin, session);
        (await client.GetAsync(AuthApiPaths.Me)).EnsureSuccessStatusCode();
        (await client.GetAsync(OperationLogApiPaths.List)).EnsureSuccessStatusCode();
        (await client.GetAsync(OperationLogApiPaths.Stats)).EnsureSuccessStatusCode();
        // A recorded call after the reads: once it is stored, anything recorded before it is stored too.
        (await client.PostAsync(TestEndpoints.AdminOnly, null)).EnsureSuccessStatusCode();

        var entries = await _host.WaitForSessionAsync(session);
        entries.Should().ContainSingle().Which.Action.Should().Be("POST " + TestEndpoints.AdminOnly);
    }

    [Fact]
    public async Task A_mutating_call_to_no_endpoint_is_still_recorded_with_its_path()
    {
        var session = OperationLogProbe.NewSession();
        (await _host.CreateSessionClient(TestApiKeys.Operator, session).PutAsync("/api/no/such/thing", null))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);

        var entry = (await _host.WaitForSessionAsync(session)).Single();
        entry.ActionType.Should().Be("api");
        entry.Action.Should().Be("PUT /api/no/such/thing");
        entry.Success.Should().BeFalse();
    }

    [Fact]
    public async Task Secrets_in_the_query_route_and_manual_details_never_reach_the_store()
    {
        var session = OperationLogProbe.NewSession();
        var client = _host.CreateSessionClient(TestApiKeys.Operator, session);
        var query = "?token=tok-SECRET-1&API_KEY=key-SECRET-2&Password=pw-SECRET-3&access_token=at-SECRET-4"
            + "&X-Api-Key=xk-SECRET-5&refresh_token=rt-SECRET-6&page=3";
        (await client.PostAsync("/api/test/audited/plain" + query, null)).EnsureSuccessStatusCode();
        var manual = await client.PostAsJsonAsync(OperationLogApiPaths.Create, new
        {
            action_type = "manual",
            action = "configured a source",
            details = new
            {
                source = "tushare",
                config = new Dictionary<string, string> { ["Token"] = "nested-SECRET-7", ["db_password"] = "nested-SECRET-8" },
                hops = new object[] { new { accessToken = "nested-SECRET-9" }, "keep-me" },
            },
        });
        manual.StatusCode.Should().Be(HttpStatusCode.Created);
        (await manual.Content.ReadAsStringAsync()).Should().NotContain("SECRET");

        var entries = await _host.WaitForSessionAsync(session, 3);
        foreach (var entry in entries)
        {
            entry.Details.ToJsonString().Should().NotContain("SECRET");
        }

        var audited = entries.Single(e => e.Action == "Audited write");
        audited.Details["query"]!["page"]!.GetValue<string>().Should().Be("3");
        audited.Details["query"]!["token"]!.GetValue<string>().Should().Be("***");
        var stored = entries.Single(e => e.ActionType == "manual");
        stored.Details["hops"]![1]!.GetValue<string>().Should().Be("keep-me");
        stored.Details["config"]!["Token"]!.GetValue<string>().Should().Be("***");
        foreach (var file in Directory.EnumerateFiles(_host.DataDirectory, "syncmonitor.db*"))
        {
            File.ReadAllText(file, System.Text.Encoding.Latin1).Should().NotContain("SECRET", $"{file} is the store");
        }
    }
}
