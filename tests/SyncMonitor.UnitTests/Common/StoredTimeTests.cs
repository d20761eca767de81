using System.Globalization;
using SyncMonitor.Api.Common.Storage.Sqlite;

namespace SyncMonitor.UnitTests.Common;

/// <summary>Stored times are fixed-width UTC text that sorts as text; the fast round-trip formatting and parsing give
/// exactly what the custom pattern and the general parser gave.</summary>
public sealed class StoredTimeTests
{
    public static TheoryData<DateTimeOffset> Times() =>
    [
        new DateTimeOffset(2026, 12, 2, 14, 0, 56, TimeSpan.Zero).AddTicks(934752),
        new DateTimeOffset(2026, 12, 2, 22, 0, 56, TimeSpan.FromHours(8)).AddTicks(1),
        new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5)),
        new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(9_999_999),
    ];

    [Theory]
    [MemberData(nameof(Times))]
    public void A_time_is_stored_as_the_fixed_width_utc_text_and_read_back_as_the_same_instant(DateTimeOffset time)
    {
        var text = time.ToStoredTime();

        text.Should().Be(time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        var read = SqliteCommandExtensions.ParseStoredTime(text);
        read.Should().Be(time);
        read.Offset.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("2026-12-02T14:00:56Z")]
    [InlineData("2026-12-02T22:00:56.5+08:00")]
    [InlineData("2026-12-02T14:00:56.0934752")]
    [InlineData("2026-12-02 14:00:56")]
    public void Other_iso_texts_parse_as_the_general_parser_reads_them(string text)
    {
        var expected = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        var read = SqliteCommandExtensions.ParseStoredTime(text);

        read.Should().Be(expected);
        read.Offset.Should().Be(expected.Offset);
    }
}
