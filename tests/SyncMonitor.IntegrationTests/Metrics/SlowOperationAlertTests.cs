using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Metrics;

public sealed class SlowOperationAlertTests : IDisposable
{
    private readonly FakeAlertRaiser _raiser = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly SyncMonitorFactory _host;

    public SlowOperationAlertTests()
    {
        _host = new SyncMonitorFactory().WithServices(services =>
        {
            services.RemoveAll<IAlertRaiser>();
            services.AddSingleton<IAlertRaiser>(_raiser);
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(_time);
        });
        _ = _host.Services; // start the host (and its alert loop)
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Repeated_slow_calls_fire_one_high_alert_and_a_clean_window_clears_it()
    {
        var timings = _host.Services.GetRequiredService<IOperationTimings>();
        for (var i = 0; i < 10; i++)
        {
            timings.Record("source.probe.stock_list", TimeSpan.FromSeconds(6), success: true);
        }

        await Eventually.HoldsAsync(() => _raiser.FiredFor("source.probe.stock_list") == 1, "the stock-list alert fired");
        for (var i = 0; i < 10; i++)
        {
            timings.Record("source.probe.stock_list", TimeSpan.FromSeconds(7), success: true);
        }

        // A later, different slow operation proves the loop has seen the repeats above.
        timings.Record("source.probe.daily_basic", TimeSpan.FromSeconds(6), success: true);
        await Eventually.HoldsAsync(() => _raiser.FiredFor("source.probe.daily_basic") == 1, "the daily-basic alert fired");

        _raiser.FiredFor("source.probe.stock_list").Should().Be(1);
        var alert = _raiser.Fired.First();
        alert.Rule.Should().Be(AlertRules.SlowOperation);
        alert.Level.Should().Be(AlertLevel.High);
        alert.Labels.Should().Equal(new Dictionary<string, string> { ["operation"] = "source.probe.stock_list" });
        _raiser.Cleared.Should().BeEmpty();

        // Past the 15-minute window the alert loop's periodic re-check finds both operations clean.
        _time.Advance(TimeSpan.FromMinutes(16));
        await Eventually.HoldsAsync(() =>
        {
            _time.Advance(TimeSpan.FromSeconds(30)); // wakes the loop whichever timer it is waiting on
            return _raiser.ClearedFor("source.probe.stock_list") == 1 && _raiser.ClearedFor("source.probe.daily_basic") == 1;
        }, "both alerts cleared");
        _raiser.Cleared.Should().OnlyContain(c => c.Rule == AlertRules.SlowOperation);
        _raiser.FiredFor("source.probe.stock_list").Should().Be(1);
    }

    [Fact]
    public async Task Recording_a_slow_call_never_waits_for_the_alert_raiser()
    {
        _raiser.Blocking = true;
        var timings = _host.Services.GetRequiredService<IOperationTimings>();

        var recording = Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                timings.Record("source.probe.blocked", TimeSpan.FromSeconds(9), success: true);
            }
        });

        await recording.WaitAsync(TimeSpan.FromSeconds(60));
        _raiser.Fired.Should().BeEmpty("the raiser is still blocked, yet every call was recorded");
        _raiser.Gate.SetResult();
        await Eventually.HoldsAsync(() => _raiser.FiredFor("source.probe.blocked") == 1, "the held alert fired once released");
    }
}
