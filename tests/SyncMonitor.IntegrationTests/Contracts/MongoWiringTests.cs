using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SyncMonitor.Api.Common.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Contracts;

/// <summary>Without a MongoDB server: the production provider's wiring — every Mongo store and its class maps —
/// builds, and every store interface resolves to its Mongo implementation. (The live contract suites check behaviour
/// when a server is available.)</summary>
public sealed class MongoWiringTests
{
    [Fact]
    public void Every_store_resolves_to_its_mongo_implementation_when_the_provider_is_mongo()
    {
        using var host = new SyncMonitorFactory()
            .With("Storage:Provider", "Mongo")
            .With("Storage:Mongo:ConnectionString", "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500")
            .WithServices(services =>
            {
                // No server here: nothing may connect at startup (initializers, background loops).
                foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)).ToList())
                {
                    services.Remove(hosted);
                }
            });
        _ = host.Services; // builds the host

        var storeInterfaces = typeof(IStoreInitializer).Assembly.GetTypes()
            .Where(t => t.IsInterface && t.Name.StartsWith('I') && t.Name.EndsWith("Store", StringComparison.Ordinal))
            .Where(t => t.Name != "IProgressStore") // progress lives in Redis or files, whatever the primary store
            .ToList();
        var resolved = storeInterfaces.ToDictionary(i => i.Name, i => host.Services.GetService(i));

        resolved.Keys.Should().BeEquivalentTo(
        [
            "IAlertDeliveryStore", "IAlertStore", "IChangeSetStore", "ICompensationStore", "IConsistencyReportStore", "IDailyBasicStore", "IIntegrityCheckStore",
            "INotificationStore", "IOperationLogStore", "IStockBasicStore", "IStockReadStore", "ISyncLeaseStore",
            "IStagedRowStore", "ISyncRunStore", "ITradeCalendarStore",
        ], "a new store interface belongs in this list (and in both providers)");
        resolved.Where(x => x.Value is null).Select(x => x.Key).Should().BeEmpty("every store interface is registered");
        resolved.Should().OnlyContain(x => x.Value!.GetType().Name.StartsWith("Mongo", StringComparison.Ordinal),
            "with Storage:Provider=Mongo every store is the Mongo one");
    }
}
