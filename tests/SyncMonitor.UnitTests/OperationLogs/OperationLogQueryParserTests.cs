using SyncMonitor.Api.Modules.OperationLogs.Endpoints;

namespace SyncMonitor.UnitTests.OperationLogs;

public sealed class OperationLogQueryParserTests
{
    private static readonly DateOnly Today = new(2030, 1, 1);

    private static readonly DateTimeOffset May1 = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_date_range_covers_whole_shanghai_days()
    {
        var errors = new ValidationErrors();
        var filter = OperationLogQueryParser.ParseFilter(new OperationLogFilterQuery { StartDate = "2024-05-01", EndDate = "2024-05-01" }, Today, errors);

        errors.Any.Should().BeFalse();
        filter.From.Should().Be(May1.AddHours(-8), "May 1 begins at 16:00 UTC on April 30 in Shanghai");
        filter.Until.Should().Be(May1.AddDays(1).AddHours(-8));
    }

    [Theory]
    [InlineData("2024-05-01T08:30:00Z", "2024-05-01T08:30:00+00:00")]
    [InlineData("2024-05-01T16:30:00+08:00", "2024-05-01T08:30:00+00:00")]
    [InlineData("2024-05-01 08:30", "2024-05-01T08:30:00+00:00")]
    [InlineData("2024-05-01T08:30:00.1234567Z", "2024-05-01T08:30:00.1234567+00:00")]
    public void An_iso_time_is_taken_as_utc_unless_it_has_an_offset(string value, string expected)
    {
        var errors = new ValidationErrors();
        OperationLogQueryParser.ParseBound(value, "start_date", isEnd: false, Today, errors)
            .Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        OperationLogQueryParser.ParseBound(value, "end_date", isEnd: true, Today, errors)
            .Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).AddTicks(1), "an end time is inclusive");
        errors.Any.Should().BeFalse();
    }

    [Theory]
    [InlineData("2024-5-1")]
    [InlineData("2024-02-30")]
    [InlineData("May 1 2024")]
    [InlineData("20240501")]
    [InlineData("2024-05-01T25:00")]
    public void Anything_else_is_an_error_for_the_field(string value)
    {
        var errors = new ValidationErrors();
        OperationLogQueryParser.ParseBound(value, "start_date", isEnd: false, Today, errors).Should().BeNull();
        errors.Any.Should().BeTrue();
    }

    [Fact]
    public void A_start_after_the_end_and_an_overlong_keyword_are_errors()
    {
        var errors = new ValidationErrors();
        OperationLogQueryParser.ParseFilter(new OperationLogFilterQuery
        {
            StartDate = "2024-05-02",
            EndDate = "2024-05-01",
            Keyword = new string('k', 201),
        }, Today, errors);

        errors.Any.Should().BeTrue();
        var problem = errors.ToProblem();
        problem.ProblemDetails.Errors.Keys.Should().BeEquivalentTo("start_date", "keyword");
    }

    [Fact]
    public void A_keyword_keeps_its_spaces_and_symbols()
    {
        var errors = new ValidationErrors();
        OperationLogQueryParser.ParseFilter(new OperationLogFilterQuery { Keyword = " (a+)+$ " }, Today, errors).Keyword.Should().Be(" (a+)+$ ");
    }
}
