using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.Metrics.Performance;

namespace SyncMonitor.UnitTests.Metrics;

public sealed class SlowOperationAlertsTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeAlertRaiser _raiser = new();
    private readonly ServiceProvider _services;
    private readonly PerformanceMonitor _monitor;
    private readonly SlowOperationAlerts _alerts;

    public SlowOperationAlertsTests()
    {
        var options = new PerformanceOptions();
        _services = new ServiceCollection().AddSingleton<IAlertRaiser>(_raiser).BuildServiceProvider();
        _monitor = new PerformanceMonitor(_time, options);
        _alerts = new SlowOperationAlerts(_monitor, new SlowOperationSignal(), _services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(options), _time, NullLogger<SlowOperationAlerts>.Instance);
    }

    public void Dispose()
    {
        _alerts.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task An_operation_that_stays_slow_is_fired_once_and_cleared_once_its_window_is_clean()
    {
        for (var pass = 0; pass < 5; pass++)
        {
            _monitor.Record("store.stock_daily_basic.upsert", TimeSpan.FromSeconds(6), success: true);
            await _alerts.EvaluateAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        _raiser.Fired.Should().ContainSingle().Which.Level.Should().Be(AlertLevel.High);

        _time.Advance(TimeSpan.FromMinutes(10));
        await _alerts.EvaluateAsync(CancellationToken.None);
        _raiser.Cleared.Should().BeEmpty("the last slow call is still inside the 15-minute window");

        _time.Advance(TimeSpan.FromMinutes(5));
        await _alerts.EvaluateAsync(CancellationToken.None);
        await _alerts.EvaluateAsync(CancellationToken.None);
        _raiser.Cleared.Should().ContainSingle().Which.Should().Match<(string Rule, IReadOnlyDictionary<string, string> Labels)>(
            c => c.Rule == AlertRules.SlowOperation && c.Labels["operation"] == "store.stock_daily_basic.upsert");
        _raiser.Fired.Should().ContainSingle();
    }

    [Fact]
    public async Task A_warning_rate_fires_medium_and_a_critical_call_escalates_to_high()
    {
        for (var i = 0; i < 5; i++)
        {
            _monitor.Record("source.akshare.stock_list", TimeSpan.FromSeconds(3), success: true);
        }

        await _alerts.EvaluateAsync(CancellationToken.None);
        _monitor.Record("source.akshare.stock_list", TimeSpan.FromSeconds(8), success: true);
        await _alerts.EvaluateAsync(CancellationToken.None);

        _raiser.Fired.Select(s => s.Level).Should().Equal(AlertLevel.Medium, AlertLevel.High);
    }

    [Fact]
    public async Task A_single_warning_slow_call_raises_nothing()
    {
        _monitor.Record("check.quick", TimeSpan.FromSeconds(3), success: true);
        await _alerts.EvaluateAsync(CancellationToken.None);

        _raiser.Fired.Should().BeEmpty();
    }
}
