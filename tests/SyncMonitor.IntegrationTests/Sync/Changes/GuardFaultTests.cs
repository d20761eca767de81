using Microsoft.Extensions.DependencyInjection;
using System.Net;
using SyncMonitor.Api.Modules.Sync.Changes;
using SyncMonitor.Api.Modules.Sync.Changes.Storage;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.TestSupport;

namespace SyncMonitor.IntegrationTests.Sync.Changes;

/// <summary>What the guard does when the store fails while staging or applying, and when an approval races a sync.</summary>
public sealed class GuardFaultTests
{
    [Fact]
    public async Task A_store_failing_while_staging_fails_the_run_and_changes_nothing()
    {
        var faults = new FaultPlan();
        using var host = new ChangesHost(f => f.WithFaults<IStagedRowStore>(faults));
        await host.RunCsvAsync();
        var before = host.Table();
        host.WriteCsv(80);
        faults.On<IStagedRowStore>(nameof(IStagedRowStore.StageAsync)).Throws(() => new IOException("disk full"));

        var run = await host.RunCsvAsync();

        run.GetProperty("status").GetString().Should().Be("failed");
        host.Table().Should().Equal(before);
        await (await host.Viewer.GetAsync(ChangeApiPaths.ChangesFor(run.TaskId()))).ProblemAsync(HttpStatusCode.NotFound);
        await (await host.Operator.PostAsync(ChangeApiPaths.ApproveFor(run.TaskId()), null)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_store_failing_while_approving_fails_the_approval_keeps_the_run_held_and_a_second_approval_applies_it()
    {
        var faults = new FaultPlan();
        using var host = new ChangesHost(f => f.WithFaults<IStockBasicStore>(faults));
        await host.RunCsvAsync();
        host.WriteCsv(80, closeFactor: 1.05);
        var held = await host.RunCsvAsync();
        var rule = faults.On<IStockBasicStore>(nameof(IStockBasicStore.UpsertAsync)).Throws(() => new InvalidOperationException("store broke"));

        var failed = await host.Operator.WaitForEndAsync((await (await host.Operator.PostAsync(ChangeApiPaths.ApproveFor(held.TaskId()), null)).AcceptedRunAsync()).TaskId());

        failed.GetProperty("status").GetString().Should().Be("failed");
        (await host.ChangesAsync(held.TaskId())).GetProperty("state").GetString().Should().Be("held", "a failed approval puts the run back to held");
        rule.Disable();
        var approved = await host.Operator.WaitForEndAsync((await (await host.Operator.PostAsync(ChangeApiPaths.ApproveFor(held.TaskId()), null)).AcceptedRunAsync()).TaskId());
        approved.GetProperty("status").GetString().Should().Be("success");
        approved.GetProperty("updated").GetInt64().Should().Be(80);
        (await host.ChangesAsync(held.TaskId())).GetProperty("state").GetString().Should().Be("approved");
    }

    [Fact]
    public async Task An_approval_cut_off_by_a_crash_gives_the_run_back_so_it_can_be_approved_again()
    {
        using var host = new ChangesHost();
        var first = await host.RunCsvAsync();
        host.WriteCsv(80, closeFactor: 1.05);
        var held = await host.RunCsvAsync();
        // What a process killed mid-approval leaves: the change set "approving" by a run that is no longer running
        // (the sweeper marked it interrupted; here the earlier, ended run stands in for it).
        var changeSets = host.Factory.Services.GetRequiredService<IChangeSetStore>();
        (await changeSets.TryMoveAsync(held.TaskId(), ChangeSetState.Held, ChangeSetState.Approving, "operator",
            DateTimeOffset.UtcNow, first.TaskId(), CancellationToken.None)).Should().BeTrue();

        var approved = await host.Operator.WaitForEndAsync((await (await host.Operator.PostAsync(ChangeApiPaths.ApproveFor(held.TaskId()), null)).AcceptedRunAsync()).TaskId());

        approved.GetProperty("status").GetString().Should().Be("success");
        approved.GetProperty("updated").GetInt64().Should().Be(80);
        (await host.ChangesAsync(held.TaskId())).GetProperty("state").GetString().Should().Be("approved");
    }

    [Fact]
    public async Task An_approval_racing_a_sync_start_one_wins_and_the_other_gets_409()
    {
        var faults = new FaultPlan();
        using var host = new ChangesHost(f => f.WithFaults<IStagedRowStore>(faults));
        await host.RunCsvAsync();
        host.WriteCsv(80);
        var held = await host.RunCsvAsync();
        // An approval that wins holds the lock until released, so the sync start surely meets it.
        var slowApproval = faults.On<IStagedRowStore>(nameof(IStagedRowStore.ReadAsync)).Hangs();

        var responses = await Task.WhenAll(
            host.Operator.PostAsync(ChangeApiPaths.ApproveFor(held.TaskId()), null),
            host.Operator.RunStockBasicsAsync("?preferred_sources=demo"));
        slowApproval.Release();

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.Accepted, HttpStatusCode.Conflict]);
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        (await loser.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("message").GetString().Should().Be(Api.Common.Localization.Texts.In(Api.Common.Localization.LocalizationModule.DefaultCulture, "Sync.Busy"));
    }
}
