using System.Text.RegularExpressions;

namespace SyncMonitor.Api.Common.Scheduling;

/// <summary>A job a module asked the scheduler to run: its name (the job's identity, its configuration key and its
/// URL segment), the job class, the cron it runs on unless configuration overrides it, and what it is for.</summary>
public sealed partial record ScheduledJobDefinition(string Name, Type JobType, string DefaultCron, string Description)
{
    /// <summary>Lowercase words joined by underscores or dashes, like <c>scheduler_daily</c>: safe in a URL path,
    /// an environment variable name and a metric tag.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]+([_-][a-z0-9]+)*$")]
    private static partial Regex NamePattern();
}
