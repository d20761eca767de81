using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.OperationLogs.Recording;

namespace SyncMonitor.UnitTests.OperationLogs;

public sealed class OperationLogDropReporterTests
{
    [Fact]
    public async Task Drops_are_alerted_at_once_then_at_most_once_per_interval_and_cleared_when_quiet()
    {
        var time = new FakeTimeProvider(Fakes.T0);
        var options = new OperationLogOptions { QueueCapacity = 1, DropReportIntervalSeconds = 60 };
        var queue = Fakes.Queue(options);
        var alerts = new FakeAlertRaiser();
        var reporter = new OperationLogDropReporter(queue, alerts, Options.Create(options), time, NullLogger<OperationLogDropReporter>.Instance);
        await reporter.StartAsync(CancellationToken.None);
        queue.TryEnqueue(Fakes.Entry(0)).Should().BeTrue();

        queue.TryEnqueue(Fakes.Entry(1)).Should().BeFalse();
        await Fakes.PollAsync(() => alerts.Events.Count == 1);
        queue.TryEnqueue(Fakes.Entry(2)).Should().BeFalse();
        queue.TryEnqueue(Fakes.Entry(3)).Should().BeFalse();
        await Task.Delay(100);
        alerts.Events.Should().Equal($"fire {AlertRules.OperationLogDrops} High");

        // Ticking the clock (rather than one jump) cannot outrun the reporter starting its wait.
        await Fakes.PollAsync(() => alerts.Events.Count == 2, () => time.Advance(TimeSpan.FromSeconds(1)));
        time.GetUtcNow().Should().BeOnOrAfter(Fakes.T0.AddSeconds(60), "the second report waited for the interval");
        await Fakes.PollAsync(() => alerts.Events.Count == 3, () => time.Advance(TimeSpan.FromSeconds(1)));

        alerts.Events.Should().Equal(
            $"fire {AlertRules.OperationLogDrops} High",
            $"fire {AlertRules.OperationLogDrops} High",
            $"clear {AlertRules.OperationLogDrops}");
        queue.Dropped.Should().Be(3);
        await reporter.StopAsync(CancellationToken.None);
    }
}
