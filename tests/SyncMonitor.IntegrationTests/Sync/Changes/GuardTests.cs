using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Sync.Changes;
using SyncMonitor.Api.Modules.Sync.Changes.Storage;

namespace SyncMonitor.IntegrationTests.Sync.Changes;

/// <summary>The guard through HTTP: a source gone wrong ends held with <c>stock_basic_info</c> untouched; approving
/// applies exactly the staged rows as a run of its own, discarding leaves the table as it was.</summary>
public sealed class GuardTests
{
    [Fact]
    public async Task A_source_answering_40_percent_of_the_universe_is_held_even_with_force_and_approve_applies_exactly_the_staged_rows()
    {
        using var host = new ChangesHost();
        var first = await host.RunCsvAsync();
        first.GetProperty("status").GetString().Should().Be("success", "the first run on an empty store is never held");
        first.GetProperty("changes").GetProperty("listed").GetInt64().Should().Be(200);
        var before = host.Table();
        host.WriteCsv(80, closeFactor: 1.02);

        var held = await host.RunCsvAsync("&force=true");

        held.GetProperty("status").GetString().Should().Be("held");
        held.GetProperty("message").GetString().Should().Contain("min_list_ratio").And.Contain("80 of 200").And.Contain("0.40");
        (held.GetProperty("inserted").GetInt64() + held.GetProperty("updated").GetInt64()).Should().Be(0);
        held.GetProperty("total").GetInt64().Should().Be(held.GetProperty("errors").GetInt64());
        held.GetProperty("changes").GetProperty("staged").GetInt64().Should().Be(80);
        host.Table().Should().Equal(before, "a held run writes nothing to stock_basic_info");
        var missing = await host.ChangesAsync(held.TaskId(), "?kind=missing&page_size=200");
        missing.GetProperty("total").GetInt64().Should().Be(120);
        missing.GetProperty("state").GetString().Should().Be("held");
        missing.GetProperty("items")[0].GetProperty("fields")[0].GetProperty("before").GetString().Should().Be(first.TaskId(), "marked with the run that last saw it");
        var alerts = await host.Viewer.GetStringAsync("/api/monitoring/alerts?limit=50&level=high");
        alerts.Should().Contain("sync_held").And.Contain("80 of 200");
        var staged = await host.Factory.Services.GetRequiredService<IStagedRowStore>().ReadAsync(held.TaskId(), CancellationToken.None);

        var approval = await host.Operator.WaitForEndAsync((await (await host.Operator.PostAsync(ChangeApiPaths.ApproveFor(held.TaskId()), null)).AcceptedRunAsync()).TaskId());

        approval.GetProperty("status").GetString().Should().Be("success");
        approval.GetProperty("task_type").GetString().Should().Be("stock_basics");
        approval.GetProperty("updated").GetInt64().Should().Be(80);
        approval.GetProperty("fencing_token").GetInt64().Should().BeGreaterThan(held.GetProperty("fencing_token").GetInt64());
        approval.GetProperty("changes").GetProperty("approves").GetString().Should().Be(held.TaskId());
        var after = host.Table();
        var stagedCodes = staged.Select(s => s.Code).ToHashSet();
        after.Should().HaveCount(200);
        after.Where(r => !stagedCodes.Contains(r[..6])).Should().Equal(before.Where(r => !stagedCodes.Contains(r[..6])), "only staged rows are applied");
        after.Where(r => stagedCodes.Contains(r[..6])).Should().NotIntersectWith(before);
        var stored = await host.Factory.Services.GetRequiredService<Api.Modules.Sync.Storage.IStockBasicStore>()
            .ListBySourceAsync("csv", stagedCodes, CancellationToken.None);
        stored.Should().Equal(staged, "the stored rows are exactly the staged ones");
        (await host.ChangesAsync(held.TaskId())).GetProperty("state").GetString().Should().Be("approved");
        (await (await host.Operator.PostAsync(ChangeApiPaths.ApproveFor(held.TaskId()), null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().Should().Contain("不是等待审批的暂停任务");
        await (await host.Operator.PostAsync(ChangeApiPaths.DiscardFor(held.TaskId()), null)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Market_values_in_yuan_are_held_and_discard_leaves_the_table_byte_for_byte_as_before()
    {
        using var host = new ChangesHost();
        await host.RunCsvAsync();
        var before = host.Table();
        host.WriteCsv(200, mvFactor: 1e8);

        var held = await host.RunCsvAsync();

        held.GetProperty("status").GetString().Should().Be("held");
        held.GetProperty("message").GetString().Should().Contain("max_shifted_ratio").And.Contain("200 of 200").And.Contain("total_mv 200");
        host.Table().Should().Equal(before);
        var shifted = await host.ChangesAsync(held.TaskId(), "?kind=shifted&page_size=1");
        shifted.GetProperty("total").GetInt64().Should().Be(200);
        shifted.GetProperty("summary").GetProperty("shifted_by_field").GetProperty("total_mv").GetInt64().Should().Be(200);

        var discard = await host.Operator.PostAsync(ChangeApiPaths.DiscardFor(held.TaskId()), null);

        discard.StatusCode.Should().Be(HttpStatusCode.OK, await discard.Content.ReadAsStringAsync());
        (await discard.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("dropped").GetInt64().Should().Be(200);
        host.Table().Should().Equal(before, "discarding changes nothing in stock_basic_info");
        (await host.Factory.Services.GetRequiredService<IStagedRowStore>().ReadAsync(held.TaskId(), CancellationToken.None)).Should().BeEmpty();
        (await host.ChangesAsync(held.TaskId())).GetProperty("state").GetString().Should().Be("discarded");
        await (await host.Operator.PostAsync(ChangeApiPaths.ApproveFor(held.TaskId()), null)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_runs_get_404_runs_that_are_not_held_409_and_bad_input_400_as_problem_json()
    {
        using var host = new ChangesHost();
        var run = await host.RunCsvAsync();

        await (await host.Operator.PostAsync(ChangeApiPaths.ApproveFor("no-such-run"), null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await host.Operator.PostAsync(ChangeApiPaths.DiscardFor("no-such-run"), null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await host.Viewer.GetAsync(ChangeApiPaths.ChangesFor("no-such-run"))).ProblemAsync(HttpStatusCode.NotFound);
        (await (await host.Operator.PostAsync(ChangeApiPaths.ApproveFor(run.TaskId()), null)).ProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().Should().Contain("success");
        await (await host.Operator.PostAsync(ChangeApiPaths.DiscardFor(run.TaskId()), null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await host.Viewer.GetAsync(ChangeApiPaths.ChangesFor(run.TaskId()) + "?kind=everything")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await host.Viewer.GetAsync(ChangeApiPaths.ChangesFor(run.TaskId()) + "?page_size=100000")).ProblemAsync(HttpStatusCode.BadRequest);
        (await host.Viewer.PostAsync(ChangeApiPaths.ApproveFor(run.TaskId()), null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var listed = await host.ChangesAsync(run.TaskId(), "?kind=listed&page=2&page_size=50");
        (listed.GetProperty("total").GetInt64(), listed.GetProperty("items").GetArrayLength()).Should().Be((200, 50));
        listed.GetProperty("text").GetString().Should().Be("新上市 200");
    }
}
