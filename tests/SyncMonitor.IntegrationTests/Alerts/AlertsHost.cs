using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Alerts;

/// <summary>The real host with a fake clock, the live events recorded, and <c>u-viewer</c> as the recipient of
/// high/critical alert notifications. Tests sharing one host use their own labels, so fingerprints never meet.</summary>
public sealed class AlertsHost : SyncMonitorFactory
{
    public const string Recipient = "u-viewer";

    public AlertsHost()
    {
        With("Alerts:RepeatIntervalMinutes", "60");
        With("Alerts:NotifyUserIds:0", Recipient);
        WithServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IRealtimePublisher>(Realtime);
        });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 3, 8, 0, 0, TimeSpan.Zero));

    internal RecordingRealtimePublisher Realtime { get; } = new();

    public IAlertRaiser Raiser => Services.GetRequiredService<IAlertRaiser>();

    public static AlertSignal Signal(string scope, AlertLevel level = AlertLevel.High, string message = "check failed", string rule = "test_rule")
        => new(rule, level, $"Test alert {scope}", message, new Dictionary<string, string> { ["scope"] = scope });

    public static string FingerprintOf(string scope, string rule = "test_rule")
        => AlertFingerprint.Compute(rule, new Dictionary<string, string> { ["scope"] = scope });

    /// <summary>Every alert of the fingerprint, through the API (newest first).</summary>
    public async Task<List<JsonElement>> AlertsAsync(string fingerprint)
    {
        var body = await CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(AlertsApiPaths.List + "?limit=500");
        return body.GetProperty("items").EnumerateArray().Where(a => a.GetProperty("fingerprint").GetString() == fingerprint).ToList();
    }

    /// <summary>The recipient's alert notifications about the fingerprint, through the API.</summary>
    public async Task<List<JsonElement>> NotificationsAsync(string fingerprint)
    {
        var body = await CreateClient(TestApiKeys.Viewer).GetFromJsonAsync<JsonElement>(NotificationsApiPaths.List + "?type=alert&page_size=100");
        return body.GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("metadata").GetProperty("fingerprint").GetString() == fingerprint)
            .ToList();
    }
}
