using Microsoft.Extensions.DependencyInjection.Extensions;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Metrics;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Alerts.Storage;
using SyncMonitor.Api.Modules.Sync;

namespace SyncMonitor.Api.Modules.Alerts;

/// <summary>The Alerts module's whole surface: <see cref="IAlertRaiser"/> for other modules, the alert store,
/// the sync-failed rule, the firing gauge and the operator endpoints under <see cref="AlertsApiPaths"/>.</summary>
public static class AlertsModule
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddValidatedOptions<AlertsOptions>(AlertsOptions.Section);
        services.AddAlertStorage();
        services.AddStartupSeries<AlertsMetrics>();
        services.AddSingleton<AlertNotifier>();
        services.AddSingleton<IAlertRaiser, AlertRaiser>();
        services.AddHostedService<AlertFiringGaugeRefresher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISyncRunListener, SyncFailedAlertListener>());
        return services;
    }

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder endpoints) => endpoints.MapAlertsEndpoints();

    /// <summary>The store alone (both providers), as the contract tests use it.</summary>
    internal static IServiceCollection AddAlertStorage(this IServiceCollection services)
    {
        services.AddStore<IAlertStore, SqliteAlertStore, MongoAlertStore>();
        services.AddSqliteSchema(AlertsSchema.Collection, AlertsSchema.SqliteDdl);
        services.AddMongoIndexes(AlertsSchema.MongoIndexes);
        return services;
    }
}
