using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Sync.Changes;
using SyncMonitor.TestSupport;

namespace SyncMonitor.IntegrationTests.Sync.Changes;

/// <summary>The <c>sync_held</c> alert a held run raises is taken back once the operator has decided: discarding the
/// run resolves it, and so does approving it (the approval run succeeds).</summary>
public sealed class HeldAlertTests
{
    [Fact]
    public async Task Discarding_a_held_run_resolves_its_sync_held_alert()
    {
        using var host = new ChangesHost();
        await host.RunCsvAsync();
        host.WriteCsv(80);
        var held = await host.RunCsvAsync();
        held.GetProperty("status").GetString().Should().Be("held");
        (await HeldAlertsAsync(host, "firing")).Should().Be(1, "a held run raises sync_held");

        var discard = await host.Operator.PostAsync(ChangeApiPaths.DiscardFor(held.TaskId()), null);

        discard.StatusCode.Should().Be(HttpStatusCode.OK, await discard.Content.ReadAsStringAsync());
        (await HeldAlertsAsync(host, "firing")).Should().Be(0, "the discard answered only after the alert was resolved");
        (await HeldAlertsAsync(host, "resolved")).Should().Be(1);
    }

    [Fact]
    public async Task Approving_a_held_run_resolves_its_sync_held_alert()
    {
        using var host = new ChangesHost();
        await host.RunCsvAsync();
        host.WriteCsv(80, closeFactor: 1.05);
        var held = await host.RunCsvAsync();
        (await HeldAlertsAsync(host, "firing")).Should().Be(1);

        var approval = await host.Operator.WaitForEndAsync(
            (await (await host.Operator.PostAsync(ChangeApiPaths.ApproveFor(held.TaskId()), null)).AcceptedRunAsync()).TaskId());

        approval.GetProperty("status").GetString().Should().Be("success");
        await Eventually.HoldsAsync(async () => await HeldAlertsAsync(host, "firing") == 0, "the approval run's end clears sync_held");
        (await HeldAlertsAsync(host, "resolved")).Should().Be(1);
    }

    [Fact]
    public async Task Discarding_one_of_two_held_runs_keeps_the_alert_of_the_other()
    {
        using var host = new ChangesHost();
        await host.RunCsvAsync();
        host.WriteCsv(80);
        var first = await host.RunCsvAsync();
        var second = await host.RunCsvAsync();
        second.GetProperty("status").GetString().Should().Be("held");

        (await host.Operator.PostAsync(ChangeApiPaths.DiscardFor(first.TaskId()), null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await HeldAlertsAsync(host, "firing")).Should().Be(1, "the second run is still held");
        (await host.Operator.PostAsync(ChangeApiPaths.DiscardFor(second.TaskId()), null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await HeldAlertsAsync(host, "firing")).Should().Be(0);
    }

    private static async Task<int> HeldAlertsAsync(ChangesHost host, string status)
    {
        var alerts = await host.Viewer.GetFromJsonAsync<JsonElement>($"/api/monitoring/alerts?limit=50&status={status}");
        return alerts.GetProperty("items").EnumerateArray().Count(a => a.GetProperty("rule").GetString() == "sync_held");
    }
}
