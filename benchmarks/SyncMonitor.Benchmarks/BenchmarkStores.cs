using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Storage;

namespace SyncMonitor.Benchmarks;

/// <summary>The stores a benchmark measures, as the service builds them: the embedded SQLite store in
/// <paramref name="dataDirectory"/> with the modules' storage that <paramref name="addStores"/> registers, initialized
/// (schema, indexes) and ready. One place, so every benchmark measures the same wiring.</summary>
internal static class BenchmarkStores
{
    public static async Task<ServiceProvider> OpenAsync(string dataDirectory, Action<IServiceCollection> addStores)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = dataDirectory }).Build())
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System);
        services.AddValidatedOptions<ServiceOptions>(string.Empty);
        services.AddStorage();
        addStores(services);
        var provider = services.BuildServiceProvider();
        foreach (var initializer in provider.GetServices<IStoreInitializer>())
        {
            await initializer.InitializeAsync(CancellationToken.None);
        }

        return provider;
    }
}
