using SyncMonitor.Api.Modules.OperationLogs;

namespace SyncMonitor.UnitTests.OperationLogs;

public sealed class OperationLogOptionsTests
{
    [Fact]
    public void Trusted_proxies_accept_addresses_and_cidr_ranges_only()
    {
        var validator = new OperationLogOptionsValidator();
        validator.Validate(null, new OperationLogOptions { TrustedProxies = ["10.0.0.1", "::1", "192.168.0.0/16", "fd00::/8"] })
            .Succeeded.Should().BeTrue();
        var failed = validator.Validate(null, new OperationLogOptions { TrustedProxies = ["proxy.local", "10.0.0.0/33"] });
        failed.Failed.Should().BeTrue();
        failed.Failures.Should().HaveCount(2).And.Contain(f => f.Contains("proxy.local", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_match_the_documented_configuration()
    {
        var options = new OperationLogOptions();
        (options.Enabled, options.QueueCapacity, options.BatchSize, options.FlushIntervalMs, options.RetentionDays,
            options.DropReportIntervalSeconds, options.TrustedProxies.Length).Should().Be((true, 10_000, 200, 200, 90, 60, 0));
    }
}
