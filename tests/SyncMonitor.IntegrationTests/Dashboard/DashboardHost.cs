using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Dashboard;

/// <summary>The real host on a real Kestrel port on loopback (a browser needs a socket, not the in-memory test
/// server), with the synthetic source slowed down so a stock-basics run lasts a few seconds.</summary>
public sealed class DashboardHost : IDisposable
{
    private readonly SyncMonitorFactory _factory;

    private DashboardHost(SyncMonitorFactory factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <param name="demoDelayMs">Latency per batch of 500 rows of the demo source: 300 → a run of about 5 s.</param>
    public static DashboardHost Start(int demoDelayMs)
        => Start(new SyncMonitorFactory().With("Sources:demo:DelayMs", demoDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A host configured by the caller (e.g. with alert channels), served on a real loopback port.</summary>
    public static DashboardHost Start(SyncMonitorFactory factory)
    {
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DashboardHost(factory, new Uri(address));
    }

    public HttpClient CreateClient(string apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public IServiceProvider Services => _factory.Services;

    public void Dispose() => _factory.Dispose();
}
