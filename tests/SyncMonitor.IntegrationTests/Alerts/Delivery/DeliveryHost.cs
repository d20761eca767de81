using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Alerts.Delivery;

/// <summary>The real host with alert channels and a fast outbox (short polls, retries a fraction of a second apart,
/// no digests unless a test asks). A data directory passed in is shared (restarts, two hosts on one store).</summary>
public sealed class DeliveryHost : SyncMonitorFactory
{
    public const string PublicBaseUrl = "https://syncmonitor.example.test";

    public DeliveryHost(string? dataDirectory = null)
        : base(dataDirectory)
    {
        With("Alerts:PublicBaseUrl", PublicBaseUrl);
        With("Alerts:Delivery:PollSeconds", "0.2");
        With("Alerts:Delivery:RetryBaseDelaySeconds", "0.2");
        With("Alerts:Delivery:MaxRetryDelaySeconds", "1");
        With("Alerts:Delivery:SendTimeoutSeconds", "5");
        With("Alerts:Delivery:LeaseSeconds", "10");
        With("Alerts:Delivery:DigestThreshold", "20");
    }

    public IAlertRaiser Raiser => Services.GetRequiredService<IAlertRaiser>();

    public new DeliveryHost With(string key, string? value)
    {
        base.With(key, value);
        return this;
    }

    public DeliveryHost WithChannel(string name, string type, params (string Key, string Value)[] settings)
    {
        With($"Alerts:Channels:{name}:Type", type);
        foreach (var (key, value) in settings)
        {
            With($"Alerts:Channels:{name}:{key}", value);
        }

        return this;
    }

    public static AlertSignal Signal(string scope, AlertLevel level = AlertLevel.High, string rule = "test_rule", string message = "12 rows missing of 5000")
        => new(rule, level, $"数据检查 {scope}", message, new Dictionary<string, string> { ["scope"] = scope });

    /// <summary>Fires the alert and returns its id (read back through the API).</summary>
    public async Task<string> FireAsync(string scope, AlertLevel level = AlertLevel.High, string rule = "test_rule")
    {
        await Raiser.FireAsync(Signal(scope, level, rule), CancellationToken.None);
        return (await AlertAsync(scope, rule)).GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> AlertAsync(string scope, string rule = "test_rule")
    {
        var fingerprint = AlertsHost.FingerprintOf(scope, rule);
        var list = await CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(AlertsApiPaths.List + "?limit=500");
        return list.GetProperty("items").EnumerateArray().First(a => a.GetProperty("fingerprint").GetString() == fingerprint);
    }

    /// <summary>The alert's deliveries, from its detail.</summary>
    public async Task<List<JsonElement>> DeliveriesAsync(string alertId)
    {
        var detail = await CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(AlertsApiPaths.ItemFor(alertId));
        return detail.GetProperty("deliveries").EnumerateArray().ToList();
    }

    public async Task WaitForStatusAsync(string alertId, string status, int count = 1, int seconds = 60)
        => await Eventually.HoldsAsync(
            async () => (await DeliveriesAsync(alertId)).Count(d => d.GetProperty("status").GetString() == status) >= count,
            $"alert {alertId} has {count} delivery(ies) {status}", seconds);

    /// <summary>The Prometheus text of <c>/metrics</c>.</summary>
    public Task<string> MetricsAsync() => CreateClient().GetStringAsync("/metrics");
}
