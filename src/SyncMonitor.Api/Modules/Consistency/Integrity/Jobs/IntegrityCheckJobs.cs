using System.Globalization;
using Quartz;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

namespace SyncMonitor.Api.Modules.Consistency.Integrity.Jobs;

/// <summary>A scheduled integrity check. Checks only read, so they never wait for or take the sync lock.</summary>
internal abstract class IntegrityCheckJob(IntegrityChecker checker) : IJob
{
    protected abstract IntegrityCheckType Type { get; }

    protected IntegrityChecker Checker { get; } = checker;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var result = await Checker.RunAsync(Type, cancellationToken);
        await AfterCheckAsync(cancellationToken);
        context.Result = JobRunReport.Succeeded(string.Create(CultureInfo.InvariantCulture,
            $"{result.Id}: {result.CompletionRate:0.##}% complete ({result.Health.ToString().ToLowerInvariant()}), {result.SuccessfulRuns} runs judged"));
    }

    protected virtual Task AfterCheckAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary><c>integrity_quick</c>: every 15 minutes, the runs of the last hour.</summary>
[DisallowConcurrentExecution]
internal sealed class QuickIntegrityCheckJob(IntegrityChecker checker) : IntegrityCheckJob(checker)
{
    public const string Name = "integrity_quick";
    public const string Cron = "0 */15 * * * ?";

    protected override IntegrityCheckType Type => IntegrityCheckType.Quick;
}

/// <summary><c>integrity_full</c>: hourly, the runs of the last 24 hours.</summary>
[DisallowConcurrentExecution]
internal sealed class FullIntegrityCheckJob(IntegrityChecker checker) : IntegrityCheckJob(checker)
{
    public const string Name = "integrity_full";
    public const string Cron = "0 0 * * * ?";

    protected override IntegrityCheckType Type => IntegrityCheckType.Full;
}

/// <summary><c>integrity_deep</c>: daily at 02:00, the runs of the last 14 days with the trend; then applies the
/// retention of <c>integrity_checks</c>.</summary>
[DisallowConcurrentExecution]
internal sealed class DeepIntegrityCheckJob(IntegrityChecker checker) : IntegrityCheckJob(checker)
{
    public const string Name = "integrity_deep";
    public const string Cron = "0 0 2 * * ?";

    protected override IntegrityCheckType Type => IntegrityCheckType.Deep;

    protected override Task AfterCheckAsync(CancellationToken cancellationToken) => Checker.PruneAsync(cancellationToken);
}
