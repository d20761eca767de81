using System.Text;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Sync.Storage.Sqlite;

namespace SyncMonitor.UnitTests.Sync;

/// <summary>The digit-by-digit reader of stored <c>updated_at</c> values gives what the general parser gives.</summary>
public sealed class StoredTimeTests
{
    [Theory]
    [InlineData("2026-11-24T08:00:00.0000000Z")]
    [InlineData("2024-02-29T23:59:59.9999999Z")]
    [InlineData("0001-01-01T00:00:00.0000001Z")]
    public void A_value_the_store_wrote_reads_back_exactly(string stored)
    {
        var read = StoredTime.Parse(Encoding.UTF8.GetBytes(stored));

        read.Should().Be(DateTimeOffset.Parse(stored, System.Globalization.CultureInfo.InvariantCulture));
        read.Offset.Should().Be(TimeSpan.Zero);
        read.ToStoredTime().Should().Be(stored);
    }

    [Theory]
    [InlineData("2026-11-24T08:00:00Z")]
    [InlineData("2026-11-24T08:00:00.000+08:00")]
    [InlineData("2026-02-30T08:00:00.0000000Z")]
    public void Anything_else_goes_through_the_general_parser(string stored)
    {
        var parse = () => StoredTime.Parse(Encoding.UTF8.GetBytes(stored));

        if (DateTimeOffset.TryParse(stored, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var expected))
        {
            parse().Should().Be(expected);
        }
        else
        {
            parse.Should().Throw<FormatException>("an impossible date is not read as some other day");
        }
    }
}
