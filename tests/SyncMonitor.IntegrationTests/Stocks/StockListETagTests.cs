using System.Net;
using System.Text.Json;
using SyncMonitor.Api.Modules.Stocks;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Stocks;

/// <summary>The stock list's serialised answers: an ETag a poller can send back for a 304, the same body as a fresh
/// serialisation, and never an answer older than the last finished run.</summary>
public sealed class StockListETagTests : IAsyncLifetime
{
    private const string Path = StocksApiPaths.List + "?page=1&page_size=50&sort=total_mv";

    private readonly SyncMonitorFactory _host = new SyncMonitorFactory().WithCountingStockStore();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await _host.CreateClient(TestApiKeys.Operator).SyncStockBasicsAsync();
        _client = _host.CreateClient(TestApiKeys.Viewer);
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    private async Task<HttpResponseMessage> GetAsync(string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await _client.SendAsync(request);
    }

    [Fact]
    public async Task A_repeated_request_gets_the_same_body_and_etag_and_if_none_match_gets_304_without_a_body()
    {
        var first = await GetAsync();
        var second = await GetAsync();
        var etag = first.Headers.ETag!.Tag;

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = await first.Content.ReadAsStringAsync();
        JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("items").GetArrayLength().Should().Be(50);
        (await second.Content.ReadAsStringAsync()).Should().Be(body);
        second.Headers.ETag!.Tag.Should().Be(etag);
        _host.StockQueries().ListQueries.Should().Be(1);

        var notModified = await GetAsync(etag);
        notModified.StatusCode.Should().Be(HttpStatusCode.NotModified);
        (await notModified.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        (await GetAsync("\"other\", " + etag)).StatusCode.Should().Be(HttpStatusCode.NotModified, "any tag of the list may match");
        (await GetAsync("\"other\"")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task After_a_finished_run_changed_the_page_the_old_etag_gets_the_new_page_and_a_new_etag()
    {
        var before = await GetAsync();
        var etag = before.Headers.ETag!.Tag;
        var smallest = JsonDocument.Parse(await before.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("items")[0].GetProperty("code").GetString()!;

        var row = await _host.StoredRowAsync(smallest, "demo");
        await _host.WriteStockRowsAsync(row with { TotalMv = 1e12 });
        var after = await GetAsync(etag);

        after.StatusCode.Should().Be(HttpStatusCode.OK, "the run ended before this request: its data is served, never the older page");
        after.Headers.ETag!.Tag.Should().NotBe(etag);
        var codes = JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("items")
            .EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        codes.Should().HaveCount(50).And.NotContain(smallest, "the run made it the largest; sort=total_mv is ascending");
    }
}
