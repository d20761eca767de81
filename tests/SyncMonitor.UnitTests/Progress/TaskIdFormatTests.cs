using SyncMonitor.Api.Common.Errors;
using SyncMonitor.Api.Common.Tasks;
using SyncMonitor.Api.Modules.Progress;

namespace SyncMonitor.UnitTests.Progress;

public sealed class TaskIdFormatTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("stock_basics-20261123-0f3a")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public void Plain_ids_are_accepted(string taskId) => TaskIdFormat.IsValid(taskId).Should().BeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("../etc/passwd")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("-leading-dash")]
    [InlineData("_leading")]
    [InlineData("task.json")]
    [InlineData("task id")]
    [InlineData("task\n")]
    [InlineData("task:1")]
    [InlineData("任务")]
    public void Ids_that_could_escape_a_path_or_a_key_are_refused(string taskId)
    {
        TaskIdFormat.IsValid(taskId).Should().BeFalse();
        var act = () => TaskIdFormat.EnsureValid(taskId);
        act.Should().Throw<ValidationException>().Which.Field.Should().Be("task_id");
    }

    [Fact]
    public void Ids_are_at_most_80_characters()
    {
        TaskIdFormat.IsValid(new string('a', 80)).Should().BeTrue();
        TaskIdFormat.IsValid(new string('a', 81)).Should().BeFalse();
        TaskIdFormat.IsValid(null).Should().BeFalse();
    }
}
