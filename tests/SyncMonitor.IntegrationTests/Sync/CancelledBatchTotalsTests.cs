using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Modules.Sync;
using SyncMonitor.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace SyncMonitor.IntegrationTests.Sync;

/// <summary>Issue 13 item 6, property style: daily batches cancelled at random points (seeded; the seed is printed,
/// set SYNCMONITOR_TEST_SEED to replay) all satisfy <c>total = inserted + updated + errors</c>, and
/// <c>rows_by_date</c> sums to what was stored.</summary>
public sealed class CancelledBatchTotalsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Daily_batches_cancelled_at_random_points_keep_the_totals_identity_and_rows_by_date()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SYNCMONITOR_TEST_SEED"), out var given) ? given : Environment.TickCount;
        output.WriteLine($"seed: {seed} (replay with SYNCMONITOR_TEST_SEED={seed})");
        var random = new Random(seed);
        using var host = new SyncMonitorFactory().With("Sources:demo:DelayMs", "60").With("Sync:BatchSize", "400");
        var client = host.CreateClient(TestApiKeys.Operator);
        var cancelledWithUnwritten = 0;
        for (var round = 0; round < 8; round++)
        {
            var run = await (await client.RunBatchAsync("2026-10-12", "2026-10-23")).AcceptedRunAsync();
            await Task.Delay(random.Next(0, 900));
            await client.PostAsync(SyncApiPaths.CancelFor(run.TaskId()), null);
            var ended = await client.WaitForEndAsync(run.TaskId());

            var (total, inserted, updated, errors) = (Long(ended, "total"), Long(ended, "inserted"), Long(ended, "updated"), Long(ended, "errors"));
            var byDate = ended.GetProperty("rows_by_date").EnumerateObject().Sum(p => p.Value.GetInt64());
            output.WriteLine($"round {round}: {ended.GetProperty("status").GetString()} total={total} inserted={inserted} updated={updated} errors={errors} rows_by_date={byDate} — {ended.GetProperty("message").GetString()}");
            total.Should().Be(inserted + updated + errors, "round {0} (seed {1})", round, seed);
            byDate.Should().Be(inserted + updated, "round {0} (seed {1})", round, seed);
            cancelledWithUnwritten += ended.GetProperty("message").GetString()!.Contains("fetched but not written", StringComparison.Ordinal) ? 1 : 0;
        }

        output.WriteLine($"{cancelledWithUnwritten} of 8 runs were cancelled between fetching and writing a date");
    }

    private static long Long(JsonElement run, string name) => run.GetProperty(name).GetInt64();
}
