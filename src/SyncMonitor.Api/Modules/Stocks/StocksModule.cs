using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Modules.Stocks.Caching;
using SyncMonitor.Api.Modules.Stocks.Endpoints;
using SyncMonitor.Api.Modules.Stocks.Reading;
using SyncMonitor.Api.Modules.Stocks.Storage;

namespace SyncMonitor.Api.Modules.Stocks;

/// <summary>The Stocks module (SPEC §8b): the read API over the synced data, served through a two-level cache that a
/// finished sync or a consistency resolve invalidates by tag, and the cache statistics.</summary>
public static class StocksModule
{
    public static IServiceCollection AddStocks(this IServiceCollection services)
    {
        services.AddValidatedOptions<StocksOptions>(StocksOptions.Section);
        services.AddStocksStorage();
        services.AddStockCaching();
        services.AddSingleton<SourcePriority>();
        services.AddSingleton<StockReader>();
        return services;
    }

    public static IEndpointRouteBuilder MapStocks(this IEndpointRouteBuilder endpoints)
    {
        StocksEndpoints.Map(endpoints);
        CacheStatisticsEndpoints.Map(endpoints);
        return endpoints;
    }
}
