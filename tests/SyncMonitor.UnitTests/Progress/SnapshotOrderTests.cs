using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Progress.Storage;

namespace SyncMonitor.UnitTests.Progress;

public sealed class SnapshotOrderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static TaskProgressSnapshot At(int seconds, double progress, ProgressState status = ProgressState.Running)
        => new("t1", "stock_basics", status, progress, null, [], null, T0, T0.AddSeconds(seconds), seconds, null);

    [Fact]
    public void The_later_update_wins_whichever_store_it_came_from()
    {
        var older = At(10, 50);
        var newer = At(20, 60);
        SnapshotOrder.Newest(older, newer).Should().BeSameAs(newer);
        SnapshotOrder.Newest(newer, older).Should().BeSameAs(newer);
    }

    [Fact]
    public void On_a_tie_the_higher_percentage_then_a_final_state_wins()
    {
        SnapshotOrder.Newest(At(10, 50), At(10, 55))!.Progress.Should().Be(55);
        SnapshotOrder.Newest(At(10, 100, ProgressState.Completed), At(10, 100))!.Status.Should().Be(ProgressState.Completed);
        SnapshotOrder.Newest(At(10, 100), At(10, 100, ProgressState.Completed))!.Status.Should().Be(ProgressState.Completed);
    }

    [Fact]
    public void A_missing_copy_yields_the_other()
    {
        var only = At(1, 1);
        SnapshotOrder.Newest(null, only).Should().BeSameAs(only);
        SnapshotOrder.Newest(only, null).Should().BeSameAs(only);
        SnapshotOrder.Newest(null, null).Should().BeNull();
    }
}
