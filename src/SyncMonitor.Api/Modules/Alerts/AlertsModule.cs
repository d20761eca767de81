using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Metrics;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Alerts.Delivery;
using SyncMonitor.Api.Modules.Alerts.Delivery.Channels;
using SyncMonitor.Api.Modules.Alerts.Delivery.Messages;
using SyncMonitor.Api.Modules.Alerts.Delivery.Outbox;
using SyncMonitor.Api.Modules.Alerts.Storage;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Alerts;

/// <summary>The Alerts module's whole surface: <see cref="IAlertRaiser"/> for other modules, the alert store and its
/// delivery outbox, the channels (email, DingTalk, WeCom, webhook) with their background sender, the sync-failed
/// rule, the gauges and the endpoints under <see cref="AlertsApiPaths"/>.</summary>
public static class AlertsModule
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddValidatedOptions<AlertsOptions>(AlertsOptions.Section);
        services.AddSingleton<IValidateOptions<AlertsOptions>, AlertChannelsValidator>();
        services.AddAlertStorage();
        services.AddStartupSeries<AlertsMetrics>();
        services.AddSingleton<AlertNotifier>();
        services.AddSingleton<IAlertRaiser, AlertRaiser>();
        services.AddHostedService<AlertFiringGaugeRefresher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISyncRunListener, SyncFailedAlertListener>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISyncRunListener, SyncHeldAlertListener>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHeldRunListener, SyncHeldAlertListener>());
        services.AddAlertDelivery();
        return services;
    }

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder endpoints)
        => endpoints.MapAlertChannelEndpoints().MapAlertsEndpoints();

    /// <summary>The stores alone (both providers), as the contract tests use them.</summary>
    internal static IServiceCollection AddAlertStorage(this IServiceCollection services)
    {
        services.AddStore<IAlertStore, SqliteAlertStore, MongoAlertStore>();
        services.AddStore<IAlertDeliveryStore, SqliteAlertDeliveryStore, MongoAlertDeliveryStore>();
        services.AddSingleton<MongoAlertOutbox>();
        services.AddSqliteSchema(AlertsSchema.Collection, AlertsSchema.SqliteDdl);
        services.AddSqliteSchema(AlertDeliverySchema.Deliveries, AlertDeliverySchema.SqliteDdl);
        services.AddMongoIndexes(AlertsSchema.MongoIndexes);
        services.AddMongoIndexes(AlertDeliverySchema.MongoDeliveryIndexes);
        return services;
    }

    private static IServiceCollection AddAlertDelivery(this IServiceCollection services)
    {
        // Robot and webhook URLs carry tokens in their query: this client logs nothing and follows no redirect.
        services.AddHttpClient(AlertChannelDispatcher.HttpClientName)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<AlertChannelCatalog>();
        services.AddSingleton<AlertDeliveryPlanner>();
        services.AddStartupSeries<AlertDeliveryMetrics>();
        services.AddSingleton<AlertDeliveryWakeup>();
        services.AddSingleton<AlertMessageComposer>();
        services.AddSingleton<IAlertChannelSender, EmailSender>();
        services.AddSingleton<IAlertChannelSender, DingTalkSender>();
        services.AddSingleton<IAlertChannelSender, WeComSender>();
        services.AddSingleton<IAlertChannelSender, WebhookSender>();
        services.AddSingleton<AlertChannelDispatcher>();
        services.AddHostedService<AlertDeliverySender>();
        return services;
    }
}
