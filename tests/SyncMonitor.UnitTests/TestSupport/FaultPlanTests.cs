using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Progress.Storage;

namespace SyncMonitor.UnitTests.TestSupport;

/// <summary>The fault-injection kit itself: a decorated interface fails, hangs or cancels exactly where told.</summary>
public sealed class FaultPlanTests
{
    private readonly FaultPlan _faults = new();
    private readonly CountingProgressStore _inner = new();

    private IProgressStore Decorated()
    {
        var services = new ServiceCollection().AddSingleton<IProgressStore>(_inner).InjectFaults<IProgressStore>(_faults);
        return services.BuildServiceProvider().GetRequiredService<IProgressStore>();
    }

    [Fact]
    public async Task Only_the_nth_call_throws_and_the_others_reach_the_real_store()
    {
        var store = Decorated();
        var rule = _faults.On<IProgressStore>(nameof(IProgressStore.SaveAsync)).OnCall(2).Throws(() => new IOException("disk full"));

        (await store.SaveAsync(Snapshot("a"), CancellationToken.None)).Should().BeTrue();
        await store.Invoking(s => s.SaveAsync(Snapshot("b"), CancellationToken.None)).Should().ThrowAsync<IOException>();
        (await store.SaveAsync(Snapshot("c"), CancellationToken.None)).Should().BeTrue();

        _inner.Saved.Should().Equal("a", "c");
        (rule.Calls, rule.Faults, rule.Hit.IsCompleted).Should().Be((3, 1, true));
        (await store.ReadAsync("a", CancellationToken.None)).Should().NotBeNull("other methods pass");
    }

    [Fact]
    public async Task A_hanging_call_waits_until_released_or_cancelled()
    {
        var store = Decorated();
        var rule = _faults.On<IProgressStore>(nameof(IProgressStore.SaveAsync)).Hangs();

        var hanging = store.SaveAsync(Snapshot("a"), CancellationToken.None);
        await rule.Hit;
        hanging.IsCompleted.Should().BeFalse();
        using var cancel = new CancellationTokenSource();
        var cancelled = store.SaveAsync(Snapshot("b"), cancel.Token);
        await cancel.CancelAsync();
        await cancelled.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();

        rule.Release();
        (await hanging).Should().BeTrue();
        _inner.Saved.Should().Equal("a");
    }

    [Fact]
    public async Task A_fault_after_the_call_leaves_the_change_stored_and_a_cancel_looks_like_a_cancelled_call()
    {
        var store = Decorated();
        _faults.On<IProgressStore>(nameof(IProgressStore.SaveAsync)).OnCall(1).AfterTheCall().Throws(() => new TimeoutException());
        _faults.On<IProgressStore>(nameof(IProgressStore.ReadAsync)).WhenArgument<string>(id => id == "x").Cancels();

        await store.Invoking(s => s.SaveAsync(Snapshot("a"), CancellationToken.None)).Should().ThrowAsync<TimeoutException>();
        await store.Invoking(s => s.ReadAsync("x", CancellationToken.None)).Should().ThrowAsync<OperationCanceledException>();

        _inner.Saved.Should().Equal("a");
        (await store.ReadAsync("a", CancellationToken.None)).Should().NotBeNull();
        _faults.CallsOf<IProgressStore>(nameof(IProgressStore.ReadAsync)).Should().Be(2);
    }

    private static TaskProgressSnapshot Snapshot(string taskId)
        => new(taskId, "stock_basics", ProgressState.Running, 0, null, [], null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, null);

    private sealed class CountingProgressStore : IProgressStore
    {
        private readonly List<TaskProgressSnapshot> _saved = [];

        public IReadOnlyList<string> Saved => [.. _saved.Select(s => s.TaskId)];

        public Task<bool> SaveAsync(TaskProgressSnapshot snapshot, CancellationToken cancellationToken)
        {
            _saved.Add(snapshot);
            return Task.FromResult(true);
        }

        public Task<TaskProgressSnapshot?> ReadAsync(string taskId, CancellationToken cancellationToken)
            => Task.FromResult(_saved.LastOrDefault(s => s.TaskId == taskId));
    }
}
