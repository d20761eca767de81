using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.Api.Modules.Sync.Storage.Mongo;

namespace SyncMonitor.UnitTests.Sync;

/// <summary>Several dates in one unordered bulk, without a server: each date's counts come from the indexes the server
/// reports (upserted, refused), and every other row of the date matched.</summary>
public sealed class MongoBulkOutcomeTests
{
    [Fact]
    public void Each_group_counts_its_own_upserts_and_refusals_and_the_rest_as_updated()
    {
        var refused = new RowError("600000|20261124|demo", "refused: a sync with a newer fencing token wrote this row");
        var outcome = new BulkOutcome(7, Upserted: [0, 3, 6], Matched: 3, Errors: [(4, refused)]);

        var groups = outcome.Split([2, 0, 3, 2]);

        groups.Select(g => (g.Inserted, g.Updated, g.Errors)).Should().Equal((1, 1, 0), (0, 0, 0), (1, 1, 1), (1, 1, 0));
        groups[2].RowErrors.Should().Equal(refused);
        groups.Sum(g => g.Inserted + g.Updated + g.Errors).Should().Be(7);
        groups.Sum(g => g.Updated).Should().Be(outcome.Matched, "the rows neither upserted nor refused are the ones the server matched");
        outcome.Total().Should().BeEquivalentTo(new UpsertResult(3, 3, 1, [refused]));
    }
}
