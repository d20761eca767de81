using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.Api.Modules.Sync.Sources.AkShare;
using SyncMonitor.Api.Modules.Sync.Sources.BaoStock;
using SyncMonitor.Api.Modules.Sync.Sources.Csv;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;
using SyncMonitor.Api.Modules.Sync.Sources.Tushare;

namespace SyncMonitor.Api.Modules.Sync.Sources;

/// <summary>The real market-data sources — tushare, akshare (AKTools), baostock, csv — each an
/// <see cref="IStockDataSource"/> singleton, always registered (a source without configuration reports
/// <see cref="IStockDataSource.Enabled"/> false), with options validated on start. Concrete types are registered
/// too, so a caller can read e.g. <see cref="CsvSource.LastImport"/>.</summary>
public static class SourceRegistration
{
    /// <summary>Registers the sources with options bound from <paramref name="configuration"/>, or — when it is null, as
    /// from a module's <c>AddXxx()</c> that has no configuration at hand — from the host's <see cref="IConfiguration"/>.</summary>
    public static IServiceCollection AddRealSources(this IServiceCollection services, IConfiguration? configuration = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOperationTimings, NullOperationTimings>();
        services.AddMetrics();
        services.TryAddSingleton<SourceMetrics>();
        services.TryAddSingleton<SourceHealthRegistry>();
        services.TryAddSingleton<SourceCallObservers>();

        services.AddSourceOptions<TushareOptions>(configuration, TushareOptions.Section);
        services.AddSourceHttpClient<TushareOptions>(SourceNames.Tushare);
        services.TryAddSingleton<TushareClient>();
        services.AddSource<TushareSource>();

        services.AddSourceOptions<AkShareOptions>(configuration, AkShareOptions.Section);
        services.AddSourceHttpClient<AkShareOptions>(SourceNames.AkShare);
        services.TryAddSingleton<AkToolsClient>();
        services.AddSource<AkShareSource>();

        services.AddSourceOptions<BaoStockOptions>(configuration, BaoStockOptions.Section);
        services.AddBaoStockPipeline();
        services.AddSource<BaoStockSource>();

        services.AddSourceOptions<CsvSourceOptions>(configuration, CsvSourceOptions.Section);
        services.AddSource<CsvSource>();
        return services;
    }

    private static void AddSourceOptions<TOptions>(this IServiceCollection services, IConfiguration? configuration, string section)
        where TOptions : class
    {
        var options = services.AddOptions<TOptions>();
        options = configuration is null ? options.BindConfiguration(section) : options.Bind(configuration.GetSection(section));
        options.ValidateDataAnnotations().ValidateOnStart();
    }

    private static void AddSource<TSource>(this IServiceCollection services)
        where TSource : class, IStockDataSource
    {
        services.TryAddSingleton<TSource>();
        services.AddSingleton<IStockDataSource>(sp => sp.GetRequiredService<TSource>());
    }
}
