using Polly;
using Polly.CircuitBreaker;
using SyncMonitor.Api.Modules.Sync.Sources.Shared;

namespace SyncMonitor.UnitTests.Sources;

/// <summary><see cref="SourceHealth.Available"/>, behind <c>syncmonitor_source_available</c>.</summary>
public sealed class SourceHealthAvailabilityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_source_nothing_has_failed_on_yet_counts_as_available()
        => new SourceHealth("demo").Available.Should().BeTrue();

    [Fact]
    public void A_failure_makes_it_unavailable_until_a_later_success()
    {
        var health = new SourceHealth("demo");
        health.RecordSuccess(T0);
        health.RecordFailure("timed out", T0.AddSeconds(1));
        health.Available.Should().BeFalse();

        health.RecordSuccess(T0.AddSeconds(2));
        health.Available.Should().BeTrue();
    }

    [Fact]
    public async Task An_open_circuit_makes_it_unavailable_whatever_the_last_call_did()
    {
        var health = new SourceHealth("demo");
        health.RecordSuccess(T0);
        var control = new CircuitBreakerManualControl();
        _ = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions { StateProvider = health.Breaker, ManualControl = control })
            .Build();

        await control.IsolateAsync();
        health.Available.Should().BeFalse();

        await control.CloseAsync();
        health.Available.Should().BeTrue();
    }
}
