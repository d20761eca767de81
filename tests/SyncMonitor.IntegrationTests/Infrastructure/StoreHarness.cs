using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Storage;

namespace SyncMonitor.IntegrationTests.Infrastructure;

/// <summary>A service provider wired for one storage provider with just the stores a contract test needs:
/// a fresh SQLite file, or a fresh database on the available MongoDB. Initializers have run.</summary>
public sealed class StoreHarness : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly string? _mongoConnectionString;
    private readonly string _mongoDatabase;

    private StoreHarness(ServiceProvider services, string dataDirectory, string? mongoConnectionString, string mongoDatabase)
    {
        Services = services;
        _dataDirectory = dataDirectory;
        _mongoConnectionString = mongoConnectionString;
        _mongoDatabase = mongoDatabase;
    }

    public ServiceProvider Services { get; }

    public string DataDirectory => _dataDirectory;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Builds the harness; for Mongo, skips the calling test (with the reason) when no server is available.</summary>
    public static async Task<StoreHarness> CreateAsync(
        StorageProvider provider,
        Action<IServiceCollection> registerStores,
        TimeProvider? timeProvider = null,
        IDictionary<string, string?>? settings = null)
    {
        var mongoConnectionString = provider == StorageProvider.Mongo
            ? await MongoAvailability.RequireConnectionStringAsync()
            : null;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-store-tests", Guid.NewGuid().ToString("N"));
        var database = "syncmonitor_test_" + Guid.NewGuid().ToString("N")[..12];
        var values = new Dictionary<string, string?>
        {
            ["DataDirectory"] = dataDirectory,
            ["Storage:Provider"] = provider.ToString(),
            ["Storage:Mongo:ConnectionString"] = mongoConnectionString ?? string.Empty,
            ["Storage:Mongo:Database"] = database,
        };
        foreach (var setting in settings ?? new Dictionary<string, string?>())
        {
            values[setting.Key] = setting.Value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(timeProvider ?? TimeProvider.System);
        services.AddValidatedOptions<ServiceOptions>(string.Empty);
        services.AddStorage();
        registerStores(services);
        var provider_ = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        foreach (var initializer in provider_.GetServices<IStoreInitializer>())
        {
            await initializer.InitializeAsync(CancellationToken.None);
        }

        return new StoreHarness(provider_, dataDirectory, mongoConnectionString, database);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_mongoConnectionString is not null)
        {
            await new MongoClient(_mongoConnectionString).DropDatabaseAsync(_mongoDatabase);
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }
}
