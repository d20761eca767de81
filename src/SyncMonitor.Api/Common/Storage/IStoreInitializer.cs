namespace SyncMonitor.Api.Common.Storage;

/// <summary>Creates what a provider needs before the first request (SQLite schema, Mongo indexes).
/// Every registered initializer of the active provider runs once at startup.</summary>
public interface IStoreInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);
}

/// <summary>Answers the readiness probe: can the primary store be reached right now?</summary>
public interface IStoreHealthProbe
{
    Task PingAsync(CancellationToken cancellationToken);
}
