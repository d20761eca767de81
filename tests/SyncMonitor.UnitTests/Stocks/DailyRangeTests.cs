using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Modules.Stocks.Reading;

namespace SyncMonitor.UnitTests.Stocks;

public sealed class DailyRangeTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Fact]
    public void Without_dates_the_range_is_the_30_days_ending_today()
        => DailyRange.Parse(null, null, Today).Should().Be((new DateOnly(2026, 2, 9), Today));

    [Fact]
    public void Without_a_start_the_range_is_the_30_days_ending_at_end_date()
        => DailyRange.Parse(null, "2024-11-15", Today).Should().Be((new DateOnly(2024, 10, 17), new DateOnly(2024, 11, 15)));

    [Fact]
    public void Both_dates_are_inclusive_and_366_days_apart_is_the_limit()
    {
        DailyRange.Parse("2023-11-15", "2024-11-15", Today).Should().Be((new DateOnly(2023, 11, 15), new DateOnly(2024, 11, 15)));
        var tooLong = () => DailyRange.Parse("2023-11-14", "2024-11-15", Today);
        tooLong.Should().Throw<ValidationException>().Which.Field.Should().Be("end_date");
    }

    [Theory]
    [InlineData("2024-02-30", null, "start_date")]
    [InlineData(null, "tomorrow", "end_date")]
    [InlineData("2024-11-15", "2024-11-14", "start_date")]
    public void Bad_dates_are_reported_by_field(string? start, string? end, string field)
    {
        var parse = () => DailyRange.Parse(start, end, Today);

        parse.Should().Throw<ValidationException>().Which.Errors.Should().ContainKey(field);
    }
}
