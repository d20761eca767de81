using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Stocks.Caching;
using SyncMonitor.Api.Modules.Stocks.Reading;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Stocks;

/// <summary>The stock list's serialised answers are built once per key and cache generation however many requests
/// miss at the same moment (no stampede when an entry goes stale), and a caller that gives up does not fail the others.</summary>
public sealed class StockListSingleFlightTests : IAsyncLifetime
{
    private static readonly StockListQuery Query = new(1, 50, null, null, null, null, StockSort.Default);

    private readonly SyncMonitorFactory _host = new SyncMonitorFactory().WithCountingStockStore();

    public async Task InitializeAsync() => await _host.CreateClient(TestApiKeys.Operator).SyncStockBasicsAsync();

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Concurrent_misses_of_a_stale_entry_share_one_build_and_an_aborted_waiter_does_not_fail_the_others()
    {
        var responses = _host.Services.GetRequiredService<StockListResponses>();
        var cache = _host.Services.GetRequiredService<StockCache>();
        var queries = _host.StockQueries();
        var first = await responses.GetAsync(Query, CancellationToken.None);

        // A finished run makes the entry stale; then many requests arrive while the page is being read again.
        await cache.InvalidateAsync(CacheTags.ForList(null), CancellationToken.None);
        queries.ListDelay = TimeSpan.FromMilliseconds(400);
        var before = queries.ListQueries;
        using var abort = new CancellationTokenSource();
        var aborted = responses.GetAsync(Query, abort.Token);
        var waiters = Enumerable.Range(0, 20).Select(_ => responses.GetAsync(Query, CancellationToken.None)).ToList();
        await abort.CancelAsync();
        var entries = await Task.WhenAll(waiters);

        await aborted.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        entries.Should().AllSatisfy(e => e.Should().BeSameAs(entries[0], "one build serves every concurrent miss"));
        entries[0].Generation.Should().NotBe(first.Generation);
        queries.ListQueries.Should().Be(before + 1);
        (await responses.GetAsync(Query, CancellationToken.None)).Should().BeSameAs(entries[0]);
    }
}
