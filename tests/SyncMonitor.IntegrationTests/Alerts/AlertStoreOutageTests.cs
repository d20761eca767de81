using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Alerts.Delivery;
using SyncMonitor.Api.Modules.Alerts.Storage;

namespace SyncMonitor.IntegrationTests.Alerts;

/// <summary>Raising an alert must never break the work that noticed the problem: store trouble is logged.</summary>
public sealed class AlertStoreOutageTests
{
    [Fact]
    public async Task Firing_and_clearing_while_the_store_fails_do_not_throw_and_announce_nothing()
    {
        using var host = new AlertsHost();
        host.WithServices(services => services.AddSingleton<IAlertStore, FailingAlertStore>());

        var fire = () => host.Raiser.FireAsync(AlertsHost.Signal("outage"), CancellationToken.None);
        var clear = () => host.Raiser.ClearAsync("test_rule", new Dictionary<string, string> { ["scope"] = "outage" }, CancellationToken.None);

        await fire.Should().NotThrowAsync();
        await clear.Should().NotThrowAsync();
        host.Realtime.AlertEvents(AlertsHost.FingerprintOf("outage")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_cancelled_caller_still_sees_its_cancellation()
    {
        using var host = new AlertsHost();
        host.WithServices(services => services.AddSingleton<IAlertRaiser>(sp => ActivatorUtilities.CreateInstance<AlertRaiser>(sp,
            (IAlertStore)new FailingAlertStore(new OperationCanceledException()))));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var fire = () => host.Raiser.FireAsync(AlertsHost.Signal("cancelled"), cancelled.Token);

        await fire.Should().ThrowAsync<OperationCanceledException>();
    }

    private sealed class FailingAlertStore(Exception? failure = null) : IAlertStore
    {
        private Exception Failure => failure ?? new IOException("store unreachable");

        public Task<Alert> RecordFiringAsync(AlertOccurrence occurrence, CancellationToken cancellationToken) => Task.FromException<Alert>(Failure);

        public Task<AlertAnnouncement?> TryClaimNotificationAsync(
            string id, AlertLevel level, DateTimeOffset now, DateTimeOffset repeatDueAt, AlertDeliveryPlan plan, CancellationToken cancellationToken)
            => Task.FromException<AlertAnnouncement?>(Failure);

        public Task<Alert?> ResolveOpenAsync(string fingerprint, string resolvedBy, DateTimeOffset now, AlertDeliveryPlan plan, CancellationToken cancellationToken)
            => Task.FromException<Alert?>(Failure);

        public Task<AlertTransition> AcknowledgeAsync(string id, string userId, DateTimeOffset now, CancellationToken cancellationToken)
            => Task.FromException<AlertTransition>(Failure);

        public Task<AlertTransition> ResolveAsync(string id, string userId, DateTimeOffset now, AlertDeliveryPlan plan, CancellationToken cancellationToken)
            => Task.FromException<AlertTransition>(Failure);

        public Task<Alert?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromException<Alert?>(Failure);

        public Task<AlertList> ListAsync(AlertQuery query, CancellationToken cancellationToken) => Task.FromException<AlertList>(Failure);

        public Task<IReadOnlyDictionary<AlertLevel, long>> CountFiringByLevelAsync(CancellationToken cancellationToken)
            => Task.FromException<IReadOnlyDictionary<AlertLevel, long>>(Failure);
    }
}
