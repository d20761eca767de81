using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using SyncMonitor.Api.Common.Errors;

namespace SyncMonitor.Api.Common.Tasks;

/// <summary>The one shape a task id may have — checked before it becomes part of a Redis key, a file path, a SignalR
/// group or a query.</summary>
public static partial class TaskIdFormat
{
    /// <summary><c>\z</c>, not <c>$</c>: <c>$</c> would also accept a trailing newline.</summary>
    public const string Pattern = @"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}\z";

    public const string Description = "task_id must be 1-80 characters of A-Z, a-z, 0-9, '_' or '-', starting with a letter or digit.";

    public static bool IsValid([NotNullWhen(true)] string? taskId) => taskId is not null && Regex().IsMatch(taskId);

    /// <summary>Throws a <see cref="ValidationException"/> (a 400 when it reaches an endpoint).</summary>
    public static string EnsureValid(string? taskId)
        => IsValid(taskId) ? taskId : throw new ValidationException("task_id", Description);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Regex();
}
