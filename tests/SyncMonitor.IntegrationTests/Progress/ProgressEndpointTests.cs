using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Progress;

/// <summary>The endpoint and the file fallback of a host without Redis, driven by a fake run through the host's
/// own <see cref="IProgressTracker"/> (no SyncManager needed).</summary>
public sealed class ProgressEndpointTests(SyncMonitorFactory host) : IClassFixture<SyncMonitorFactory>
{
    [Fact]
    public async Task A_fake_run_is_answered_step_by_step_with_a_percentage_that_never_goes_down()
    {
        var viewer = host.CreateClient(TestApiKeys.Viewer);
        var taskId = ProgressTestKit.NewTaskId();
        var watch = new MonotonicWatch();
        var run = await host.StartAsync(taskId);

        watch.Observe((await viewer.ReadProgressAsync(taskId))!.Value.Percent());
        await run.BeginStepAsync("fetch_list", "fetching the stock list");
        for (var page = 1; page <= 5; page++)
        {
            await run.ReportAsync("fetch_list", page / 5.0);
            watch.Observe((await viewer.ReadProgressAsync(taskId))!.Value.Percent());
        }

        await run.CompleteStepAsync("fetch_list");
        await run.BeginStepAsync("upsert", "writing 5000 rows"); // normalize was skipped: it counts as done
        await run.ReportAsync("upsert", 0.5);
        var midway = (await viewer.ReadProgressAsync(taskId))!.Value;
        watch.Observe(midway.Percent());
        midway.Percent().Should().Be(65);
        midway.Status().Should().Be("running");
        midway.GetProperty("current_step").GetString().Should().Be("upsert");
        midway.GetProperty("message").GetString().Should().Be("writing 5000 rows");
        midway.GetProperty("estimated_remaining_seconds").ValueKind.Should().Be(JsonValueKind.Number);

        await run.MarkCompletedAsync("5000 rows");
        var done = (await viewer.ReadProgressAsync(taskId))!.Value;
        watch.Observe(done.Percent());
        done.Percent().Should().Be(100);
        done.Status().Should().Be("completed");
        done.GetProperty("task_id").GetString().Should().Be(taskId);
        done.GetProperty("task_type").GetString().Should().Be("stock_basics");
        done.GetProperty("estimated_remaining_seconds").GetDouble().Should().Be(0);
        done.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("status").GetString()).Should().AllBe("completed");
        done.GetProperty("steps")[0].TryGetProperty("finished_at", out _).Should().BeTrue();
        done.TryGetProperty("elapsed_seconds", out _).Should().BeTrue();
        done.TryGetProperty("started_at", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Without_redis_progress_is_written_atomically_to_a_file_under_the_data_directory()
    {
        var taskId = ProgressTestKit.NewTaskId();
        var run = await host.StartAsync(taskId);
        ProgressTestKit.ReadFile(host.DataDirectory, taskId)!.Status.Should().Be(ProgressState.Running);

        await run.ReportAsync("fetch_list", 0.5);
        await Eventually.HoldsAsync(
            () => ProgressTestKit.ReadFile(host.DataDirectory, taskId)?.Progress == 15, "the tick writes the update to the file");
        await run.MarkFailedAsync("source timed out");

        var stored = ProgressTestKit.ReadFile(host.DataDirectory, taskId)!;
        stored.Status.Should().Be(ProgressState.Failed);
        stored.Message.Should().Be("source timed out");
        stored.Progress.Should().Be(15);
        Directory.EnumerateFiles(Path.Combine(host.DataDirectory, "progress"), "*.tmp").Should().BeEmpty();
        File.ReadAllText(Path.Combine(host.DataDirectory, "progress", taskId + ".json")).Should().Contain("\"task_id\":");
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("..%2Fsecret")]
    [InlineData("task.json")]
    [InlineData("-dash-first")]
    [InlineData("%20padded")]
    [InlineData("a%0A")]
    public async Task A_task_id_that_fails_the_pattern_is_a_400_problem(string escapedTaskId)
    {
        var viewer = host.CreateClient(TestApiKeys.Viewer);

        using var response = await viewer.GetAsync($"/api/sync/tasks/{escapedTaskId}/progress");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("errors").TryGetProperty("task_id", out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("/api/sync/tasks/../progress", HttpStatusCode.BadRequest)]
    [InlineData("/api/sync/tasks/..%2F..%2Fsecret/progress", HttpStatusCode.BadRequest)]
    [InlineData("/api/sync/tasks/../../secret/progress", HttpStatusCode.NotFound)]
    public async Task A_raw_dot_dot_path_never_reaches_a_file_outside_the_progress_folder(string rawPath, HttpStatusCode expected)
    {
        File.WriteAllText(Path.Combine(host.DataDirectory, "secret.json"), "{\"task_id\":\"secret\"}");

        // Sent as written (HttpClient would remove the dot segments before the server saw them).
        var context = await host.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = new PathString(rawPath);
            http.Request.Headers["X-Api-Key"] = TestApiKeys.Viewer;
        });

        context.Response.StatusCode.Should().Be((int)expected);
        (await new StreamReader(context.Response.Body).ReadToEndAsync()).Should().NotContain("\"secret\"");
    }

    [Fact]
    public async Task An_unknown_task_is_a_404_problem()
    {
        using var response = await host.CreateClient(TestApiKeys.Viewer).GetAsync(ProgressApiPaths.ForTask("never-started-task"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()
            .Should().Contain("never-started-task");
    }

    [Fact]
    public async Task Reading_progress_needs_an_api_key()
    {
        using var response = await host.CreateClient(apiKey: null).GetAsync(ProgressApiPaths.ForTask("any-task"));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
