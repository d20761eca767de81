using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Modules.Consistency.Compensation;

namespace SyncMonitor.UnitTests.Integrity;

/// <summary>Input rules of <c>POST /api/monitoring/compensation</c>.</summary>
public sealed class CompensationRequestTests
{
    private static IReadOnlyDictionary<string, string[]> ErrorsOf(CompensationRequest request)
        => new Func<CompensationScope>(() => request.Validate()).Should().Throw<ValidationException>().Which.Errors;

    [Fact]
    public void A_range_gets_the_default_batch_size_and_max_tasks_and_is_kept_as_trade_dates()
    {
        var scope = new CompensationRequest("2026-11-02", "2026-11-06", null, null, null, null).Validate();

        scope.Should().BeEquivalentTo(new CompensationScope { StartDate = "20261102", EndDate = "20261106", RunIds = [], BatchSize = 500, MaxTasks = 10 });
    }

    [Fact]
    public void Run_ids_are_kept_once_each_with_the_given_limits()
    {
        var scope = new CompensationRequest(null, null, ["a-1", "b-2", "a-1"], 1, 100, true).Validate();

        scope.RunIds.Should().Equal("a-1", "b-2");
        (scope.BatchSize, scope.MaxTasks).Should().Be((1, 100));
    }

    [Fact]
    public void Exactly_one_of_a_range_or_run_ids_is_required()
    {
        ErrorsOf(new CompensationRequest("2026-11-02", "2026-11-06", ["a-1"], null, null, null)).Should().ContainKey("run_ids");
        ErrorsOf(new CompensationRequest(null, null, null, null, null, null)).Should().ContainKey("start_date");
        ErrorsOf(new CompensationRequest(null, null, [], null, null, null)).Should().ContainKey("start_date");
    }

    [Theory]
    [InlineData("2026/11/02", "2026-11-06", "start_date")]
    [InlineData("2026-11-02", null, "end_date")]
    [InlineData("2026-11-07", "2026-11-06", "start_date")]
    [InlineData("2025-11-05", "2026-11-06", "end_date")]
    public void Bad_dates_are_rejected_on_their_field(string? start, string? end, string field)
        => ErrorsOf(new CompensationRequest(start, end, null, null, null, null)).Should().ContainKey(field);

    [Fact]
    public void A_range_of_exactly_366_days_is_allowed()
        => new CompensationRequest("2025-11-06", "2026-11-06", null, null, null, null).Validate().EndDate.Should().Be("20261106");

    [Theory]
    [InlineData(0, 10, "batch_size")]
    [InlineData(5001, 10, "batch_size")]
    [InlineData(500, 0, "max_tasks")]
    [InlineData(500, 101, "max_tasks")]
    public void Limits_out_of_range_are_rejected(int batchSize, int maxTasks, string field)
        => ErrorsOf(new CompensationRequest("2026-11-02", "2026-11-06", null, batchSize, maxTasks, null)).Should().ContainKey(field);

    [Fact]
    public void Run_ids_must_be_task_ids_and_at_most_100()
    {
        ErrorsOf(new CompensationRequest(null, null, ["../etc/passwd"], null, null, null))["run_ids"].Single().Should().Contain("is not a task id");
        ErrorsOf(new CompensationRequest(null, null, [null!], null, null, null))["run_ids"].Single().Should().Contain("'null'");
        ErrorsOf(new CompensationRequest(null, null, Enumerable.Range(0, 101).Select(i => $"r{i}").ToList(), null, null, null))
            .Should().ContainKey("run_ids");
    }

    [Fact]
    public void Several_bad_fields_are_reported_together()
        => ErrorsOf(new CompensationRequest("nope", "2026-11-06", null, 0, 0, null)).Keys.Should().BeEquivalentTo("start_date", "batch_size", "max_tasks");

    [Fact]
    public void Written_rows_pack_codes_sorted_once_each_and_unpack_them()
    {
        var rows = WrittenRows.Of("20261120", "demo", ["600000", "000001", "600000", "300750"], confirmed: true);

        rows.Codes.Should().Be("000001,300750,600000");
        rows.Count.Should().Be(3);
        rows.CodeList().Should().Equal("000001", "300750", "600000");
        WrittenRows.Of("20261120", "demo", [], confirmed: false).CodeList().Should().BeEmpty();
    }
}
