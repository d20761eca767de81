using SyncMonitor.Api.Modules.OperationLogs;

namespace SyncMonitor.UnitTests.OperationLogs;

public sealed class OperationLogIdTests
{
    [Fact]
    public void Ids_are_unique_uuid7_hex_that_sort_by_time()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => OperationLogId.New(Fakes.T0.AddMilliseconds(i))).ToList();

        ids.Should().OnlyHaveUniqueItems().And.BeInAscendingOrder(StringComparer.Ordinal);
        ids.Should().OnlyContain(id => id.Length == 32 && id[12] == '7' && "89ab".Contains(id[16]));
        Guid.ParseExact(ids[0], "N").Version.Should().Be(7);
        OperationLogId.TryNormalize(ids[0].ToUpperInvariant(), out var normalized).Should().BeTrue();
        normalized.Should().Be(ids[0]);
        OperationLogId.TryNormalize("not-an-id", out _).Should().BeFalse();
    }
}
