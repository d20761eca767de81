using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.Storage;

namespace SyncMonitor.IntegrationTests.Infrastructure;

/// <summary>Base of every store contract suite. A suite is written once against the store interface and
/// declared twice: <c>Sqlite…</c> (always runs) and <c>Mongo…</c> (runs against SYNCMONITOR_TEST_MONGO or a
/// Testcontainers MongoDB, else each test reports skipped with the reason). Contract facts are
/// <c>[SkippableFact]</c> so that skip can happen.</summary>
public abstract class StoreContract
{
    protected abstract StorageProvider Provider { get; }

    protected Task<StoreHarness> HarnessAsync(
        Action<IServiceCollection> registerStores,
        TimeProvider? timeProvider = null,
        IDictionary<string, string?>? settings = null)
        => StoreHarness.CreateAsync(Provider, registerStores, timeProvider, settings);
}
