using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.IntegrationTests.Infrastructure;
using static SyncMonitor.IntegrationTests.Consistency.StockRowSeeder;

namespace SyncMonitor.IntegrationTests.Consistency.CrossSource;

/// <summary>The <c>consistency_confidence</c> rule through the real alerts module, read back from the alerts API.</summary>
public sealed class ConsistencyAlertTests
{
    private static readonly string[] Codes = ["000001", "000002", "600000", "600036"];

    [Fact]
    public async Task Low_confidence_fires_an_alert_leveled_by_confidence_and_a_check_at_the_threshold_clears_it()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);
        await host.Services.SeedAsync(Codes.Select(c => Row(c, "gamma")).ToList());

        // Secondary values far off in the metrics listed: confidence = 1 - their weight share.
        async Task<JsonElement?> CheckWithOffAsync(double confidence, params string[] off)
        {
            await host.Services.SeedAsync(Codes.Select(c => Row(c, "delta",
                pe: off.Contains("pe") ? 99 : 20, pb: off.Contains("pb") ? 99 : 2, totalMv: off.Contains("total_mv") ? 999 : 100,
                close: off.Contains("close") ? 99 : 10, turnoverRate: off.Contains("turnover_rate") ? 99 : 1)).ToList());
            var report = await client.CheckedAsync("gamma", "delta");
            report.GetProperty("summary").GetProperty("confidence").GetDouble().Should().BeApproximately(confidence, 1e-12);
            return await OpenAlertAsync(client);
        }

        var critical = await CheckWithOffAsync(0.1, "pe", "pb", "total_mv", "close", "turnover_rate");
        var high = await CheckWithOffAsync(0.5, "pe", "pb");
        var medium = await CheckWithOffAsync(0.75, "pe");
        var atThreshold = await CheckWithOffAsync(0.8, "total_mv");

        critical!.Value.GetProperty("level").GetString().Should().Be("critical");
        critical.Value.GetProperty("labels").GetProperty("primary").GetString().Should().Be("gamma");
        critical.Value.GetProperty("labels").GetProperty("secondary").GetString().Should().Be("delta");
        critical.Value.GetProperty("message").GetString().Should().Contain("10.0%");
        high!.Value.GetProperty("level").GetString().Should().Be("high");
        high.Value.GetProperty("id").GetString().Should().Be(critical.Value.GetProperty("id").GetString(), "one open alert per pair, updated");
        medium!.Value.GetProperty("level").GetString().Should().Be("medium");
        medium.Value.GetProperty("count").GetInt64().Should().Be(3);
        atThreshold.Should().BeNull("a check at the threshold clears the alert");
        var all = await AlertsAsync(client);
        all.Should().ContainSingle().Which.GetProperty("status").GetString().Should().Be("resolved");
    }

    [Fact]
    public async Task The_threshold_is_configurable_and_other_pairs_keep_their_own_alert()
    {
        using var host = new SyncMonitorFactory().With("Consistency:AlertConfidenceThreshold", "0.95");
        var client = host.CreateClient(TestApiKeys.Operator);
        await host.Services.SeedAsync([.. Codes.Select(c => Row(c, "gamma")), .. Codes.Select(c => Row(c, "delta", turnoverRate: 99))]);

        var report = await client.CheckedAsync("gamma", "delta");
        var reversed = await client.CheckedAsync("delta", "gamma");

        report.GetProperty("summary").GetProperty("confidence").GetDouble().Should().Be(0.95);
        reversed.GetProperty("summary").GetProperty("confidence").GetDouble().Should().Be(0.95);
        (await OpenAlertAsync(client)).Should().BeNull("0.95 is at the threshold");

        await host.Services.SeedAsync(Codes.Select(c => Row(c, "delta", turnoverRate: 99, volume: 1e9)).ToList());
        await client.CheckedAsync("gamma", "delta");
        var alerts = await AlertsAsync(client);
        alerts.Should().ContainSingle().Which.GetProperty("labels").GetProperty("primary").GetString().Should().Be("gamma");
        alerts[0].GetProperty("level").GetString().Should().Be("medium");
    }

    [Fact]
    public async Task A_check_limited_to_some_codes_neither_fires_nor_clears_the_pair_s_alert()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Operator);
        await host.Services.SeedAsync([.. Codes.Select(c => Row(c, "gamma")), .. Codes.Skip(1).Select(c => Row(c, "delta", pe: 99, pb: 99))]);
        await host.Services.SeedAsync([Row(Codes[0], "delta")]);

        var subsetLow = await client.CheckedAsync("gamma", "delta", Codes.Skip(1));
        var afterSubsetLow = await OpenAlertAsync(client);
        var full = await client.CheckedAsync("gamma", "delta");
        var subsetHigh = await client.CheckedAsync("gamma", "delta", [Codes[0]]);

        subsetLow.GetProperty("summary").GetProperty("confidence").GetDouble().Should().Be(0.5);
        afterSubsetLow.Should().BeNull();
        full.GetProperty("summary").GetProperty("confidence").GetDouble().Should().BeLessThan(0.8);
        subsetHigh.GetProperty("summary").GetProperty("confidence").GetDouble().Should().Be(1);
        (await OpenAlertAsync(client)).Should().NotBeNull("only a check of every code clears the pair's alert");
    }

    private static async Task<List<JsonElement>> AlertsAsync(HttpClient client)
    {
        var body = await client.GetFromJsonAsync<JsonElement>(AlertsApiPaths.List + "?limit=500");
        return body.GetProperty("items").EnumerateArray().Where(a => a.GetProperty("rule").GetString() == AlertRules.ConsistencyConfidence).ToList();
    }

    private static async Task<JsonElement?> OpenAlertAsync(HttpClient client)
    {
        var open = (await AlertsAsync(client)).Where(a => a.GetProperty("status").GetString() != "resolved").ToList();
        open.Should().HaveCountLessThanOrEqualTo(1);
        return open.Count == 0 ? null : open[0];
    }
}
