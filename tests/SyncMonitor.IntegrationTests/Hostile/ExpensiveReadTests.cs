using System.Net;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.IntegrationTests.Hostile;

/// <summary>Issue 16 row 7: expensive reads have a concurrency limit per caller and overall; status, current and
/// health are not under it. The op-log store's list is made to hang (as a slow search would), so the limits are seen
/// without timing anything.</summary>
public sealed class ExpensiveReadTests : IDisposable
{
    private readonly FaultPlan _faults = new();
    private readonly FaultRule _slowList;
    private readonly HostileHost _host;

    public ExpensiveReadTests()
    {
        _slowList = _faults.On<IOperationLogStore>(nameof(IOperationLogStore.ListAsync)).Hangs();
        _host = new HostileHost();
        _host.With("RateLimiting:ExpensiveReadsPerCaller", "2").With("RateLimiting:ExpensiveReadQueue", "1")
            .With("RateLimiting:ExpensiveReadsOverall", "3").WithFaults<IOperationLogStore>(_faults);
    }

    [Fact]
    public async Task A_caller_gets_429_beyond_its_running_and_queued_reads_while_status_current_and_health_answer()
    {
        var flooder = _host.CreateClient(TestApiKeys.Viewer);
        var running = Enumerable.Range(0, 2).Select(i => flooder.GetAsync($"/api/system/logs/list?keyword=k{i}")).ToList();
        await Eventually.HoldsAsync(() => Task.FromResult(_slowList.Calls >= 2), "two searches of the flooder run");

        // Two more: whichever reaches the limiter first takes the one queue slot, the other is refused at once.
        var third = flooder.GetAsync("/api/system/logs/list?keyword=k2");
        var fourth = flooder.GetAsync("/api/system/logs/list?keyword=k9");
        var first = await Task.WhenAny(third, fourth).WaitAsync(TimeSpan.FromSeconds(60));
        running.Add(first == third ? fourth : third);
        var refused = await first;
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        (await flooder.GetAsync("/api/system/logs/stats")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests,
            "the stats count as an expensive read of the same caller");

        // Another user still gets a slot of the overall limit; the cheap reads are not limited at all.
        var other = _host.CreateClient(TestApiKeys.OtherViewer);
        var otherSearch = other.GetAsync("/api/system/logs/list?keyword=o1");
        await Eventually.HoldsAsync(() => Task.FromResult(_slowList.Calls >= 3), "the other user's search runs");
        foreach (var cheap in new[] { "/api/sync/stock_basics/status", "/api/sync/current", "/health/live" })
        {
            (await other.GetAsync(cheap)).StatusCode.Should().Be(HttpStatusCode.OK, cheap);
            (await flooder.GetAsync(cheap)).StatusCode.Should().Be(HttpStatusCode.OK, cheap);
        }

        _slowList.Release();
        foreach (var response in await Task.WhenAll(running.Append(otherSearch)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, "queued reads run once a slot is free");
        }

        _slowList.Calls.Should().Be(4, "3 of the flooder (one had queued) and 1 of the other user; the refused ones never reached the store");
    }

    public void Dispose() => _host.Dispose();
}
