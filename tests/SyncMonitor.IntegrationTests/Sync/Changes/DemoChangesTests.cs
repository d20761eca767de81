using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Sync.Changes;

/// <summary>The demo universe changes a little every trade day (a listing, an ST mark); a normal demo run is never held
/// and its change set shows those changes.</summary>
public sealed class DemoChangesTests
{
    /// <summary>The real clock moved by an offset the test sets between runs (timers and delays stay real).</summary>
    private sealed class ShiftedTime : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }

    [Fact]
    public async Task A_week_later_the_demo_run_is_not_held_and_lists_new_listings_and_new_st_marks()
    {
        var time = new ShiftedTime();
        using var factory = new SyncMonitorFactory().WithServices(s => s.AddSingleton<TimeProvider>(time));
        var client = factory.CreateClient(TestApiKeys.Operator);
        var first = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());
        time.Offset = TimeSpan.FromDays(7);

        var second = await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());

        first.GetProperty("status").GetString().Should().Be("success");
        second.GetProperty("status").GetString().Should().Be("success", "ordinary daily changes are never held");
        var changes = second.GetProperty("changes");
        changes.GetProperty("listed").GetInt64().Should().BeInRange(4, 6, "one listing per trade day");
        changes.GetProperty("renamed").GetInt64().Should().BeGreaterThan(0);
        (changes.GetProperty("st_added").GetInt64() + changes.GetProperty("star_st_added").GetInt64()).Should().BeGreaterThan(0);
        changes.GetProperty("shifted").GetInt64().Should().Be(0, "demo prices wobble within the bands");
        var renamed = await client.GetFromJsonAsync<JsonElement>(Api.Modules.Sync.Changes.ChangeApiPaths.ChangesFor(second.TaskId()) + "?kind=renamed");
        var marks = renamed.GetProperty("data").GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("fields")[0].GetProperty("mark").GetString()).ToList();
        marks.Should().Contain(m => m == "+ST" || m == "+*ST");
        renamed.GetProperty("data").GetProperty("text").GetString().Should().StartWith("新上市 ").And.Contain("更名");
    }
}
