using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Modules.Stocks;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Stocks;

public sealed class StocksOptionsTests
{
    [Theory]
    [InlineData("Stocks:CacheSeconds", "0", "CacheSeconds")]
    [InlineData("Stocks:LocalCacheSeconds", "90000", "LocalCacheSeconds")]
    [InlineData("Stocks:LocalCacheSeconds", "600", "must not exceed Stocks:CacheSeconds")]
    public void A_bad_cache_lifetime_fails_validation_naming_the_setting(string key, string value, string named)
    {
        // The same binding AddStocks() registers (validated on start: Program turns the failure into one line).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration)
            .AddValidatedOptions<StocksOptions>(StocksOptions.Section).Services.BuildServiceProvider();

        var read = () => services.GetRequiredService<IOptions<StocksOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lifetimes_come_from_configuration()
    {
        using var host = new SyncMonitorFactory().With("Stocks:CacheSeconds", "120").With("Stocks:LocalCacheSeconds", "30");

        var report = await host.CreateClient(TestApiKeys.Viewer).DataAsync(StocksApiPaths.CacheStatistics);

        report.GetProperty("l1_seconds").GetInt32().Should().Be(30);
        report.GetProperty("l2_seconds").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "no Redis level without Redis");
        report.GetProperty("caches").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .Should().Equal("stocks_list", "stock_detail", "stock_daily_basic");
    }
}
