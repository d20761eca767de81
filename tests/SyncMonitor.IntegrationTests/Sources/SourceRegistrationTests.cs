using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Sync.Sources;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sources.Support;

namespace SyncMonitor.IntegrationTests.Sources;

public sealed class SourceRegistrationTests
{
    [Fact]
    public async Task Every_real_source_is_registered_and_reports_disabled_without_configuration()
    {
        await using var host = SourceTestHost.Create(new Dictionary<string, string?>());

        var sources = host.Services.GetServices<IStockDataSource>().ToList();

        sources.Select(s => s.Name).Should().BeEquivalentTo(["tushare", "akshare", "baostock", "csv"]);
        sources.Should().OnlyContain(s => !s.Enabled && !s.IsSynthetic);
        foreach (var source in sources)
        {
            (await source.ProbeAsync(CancellationToken.None)).Should().BeEquivalentTo(new { Available = false, LatencyMs = 0.0 });
        }
    }

    [Theory]
    [InlineData("Sources:tushare:BaseUrl", "api.tushare.pro", "BaseUrl")]
    [InlineData("Sources:akshare:BaseUrl", "ftp://127.0.0.1/", "BaseUrl")]
    [InlineData("Sources:akshare:TimeoutSeconds", "0", "TimeoutSeconds")]
    [InlineData("Sources:baostock:Port", "70000", "Port")]
    [InlineData("Sources:baostock:Host", "tcp://public-api.baostock.com", "Host")]
    [InlineData("Sources:baostock:ClientVersion", "0.9.1", "ClientVersion")]
    [InlineData("Sources:tushare:MaxRetries", "99", "MaxRetries")]
    public void A_bad_source_setting_fails_validation_on_start_naming_the_setting(string key, string value, string named)
    {
        var act = () => SourceTestHost.Create(new Dictionary<string, string?> { [key] = value });

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_real_host_runs_the_real_sources_beside_the_demo_sources_bound_to_its_own_configuration()
    {
        using var factory = new SyncMonitorFactory()
            .With("Sources:csv:FilePath", Fixtures.PathOf("csv/stocks.csv"));
        using var client = factory.CreateClient();

        var sources = factory.Services.GetServices<IStockDataSource>().ToList();

        sources.Select(s => s.Name).Should().BeEquivalentTo(["demo", "demo_alt", "tushare", "akshare", "baostock", "csv"], "each source is registered once");
        var csv = sources.Single(s => s.Name == "csv");
        csv.Enabled.Should().BeTrue();
        (await csv.FetchStockListAsync(null, CancellationToken.None)).Should().HaveCount(5);
    }
}
