namespace SyncMonitor.Api.Common.Storage;

/// <summary>Runs every store initializer before the server starts listening.</summary>
internal sealed partial class StoreInitializationService(
    IEnumerable<IStoreInitializer> initializers,
    ILogger<StoreInitializationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var initializer in initializers)
        {
            await initializer.InitializeAsync(cancellationToken);
        }

        LogInitialized(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Store schema and indexes are ready")]
    private static partial void LogInitialized(ILogger logger);
}
