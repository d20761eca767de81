using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;
using SyncMonitor.IntegrationTests.Consistency.CrossSource;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>What the dashboard shows about a run agrees with the run record from the start to the end (issue 17).</summary>
public sealed class RunAgreementTests
{
    [Fact]
    public async Task A_demo_run_is_synthetic_from_its_start_and_its_progress_ends_with_the_run_records_status()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);

        var started = await (await client.RunStockBasicsAsync()).AcceptedRunAsync();
        started.GetProperty("synthetic").GetBoolean().Should().BeTrue("without a real source only the demo pair can serve");
        var ended = await client.WaitForEndAsync(started.TaskId());
        var progress = await client.GetFromJsonAsync<JsonElement>(SyncApiPaths.ProgressFor(started.TaskId()));

        ended.GetProperty("status").GetString().Should().Be("success");
        progress.GetProperty("outcome").GetString().Should().Be("success", "progress says what the run record says");
        progress.GetProperty("status").GetString().Should().Be("completed", "SPEC's progress states stay as they are");
    }

    [Fact]
    public async Task Testing_sources_counts_only_the_configured_ones()
    {
        using var host = new SyncMonitorFactory();
        var body = await (await host.CreateClient(TestApiKeys.Operator).PostAsync(SyncApiPaths.TestSources, null)).Content.ReadFromJsonAsync<JsonElement>();

        body.GetProperty("message").GetString().Should().StartWith("2/2 ", "demo and demo_alt are the configured sources of a fresh install");
        body.GetProperty("data").EnumerateArray().Should().Contain(s => !s.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Confidence_and_ratios_of_a_consistency_report_are_rounded()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);
        await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());

        var report = await client.CheckedAsync(DemoMarket.Primary, DemoMarket.Alternate);

        var ratios = new List<double>();
        Collect(report, ratios);
        ratios.Should().NotBeEmpty().And.OnlyContain(r => Math.Round(r, 4) == r, "0.9982, not 0.9982300000000001");
    }

    private static void Collect(JsonElement element, List<double> ratios)
    {
        foreach (var property in element.ValueKind == JsonValueKind.Object ? element.EnumerateObject() : Enumerable.Empty<JsonProperty>())
        {
            if ((property.Name.Contains("confidence", StringComparison.Ordinal) || property.Name.EndsWith("_ratio", StringComparison.Ordinal))
                && property.Value.ValueKind == JsonValueKind.Number)
            {
                ratios.Add(property.Value.GetDouble());
            }

            Collect(property.Value, ratios);
        }

        foreach (var item in element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            Collect(item, ratios);
        }
    }
}
