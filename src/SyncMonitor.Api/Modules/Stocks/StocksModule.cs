namespace SyncMonitor.Api.Modules.Stocks;

/// <summary>The Stocks module's whole surface: its services and its endpoints.</summary>
public static class StocksModule
{
    public static IServiceCollection AddStocks(this IServiceCollection services)
        => services.AddSingleton<IStockDataChangeNotifier, NoStockDataChangeNotifier>();

    public static IEndpointRouteBuilder MapStocks(this IEndpointRouteBuilder endpoints) => endpoints;
}
