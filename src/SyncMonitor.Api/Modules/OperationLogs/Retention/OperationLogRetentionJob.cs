using Quartz;

namespace SyncMonitor.Api.Modules.OperationLogs.Retention;

/// <summary>The daily retention cleanup as a Quartz job (job name <see cref="Name"/>). Scheduling is registered
/// by the scheduler infrastructure, not here.</summary>
[DisallowConcurrentExecution]
public sealed class OperationLogRetentionJob(OperationLogRetention retention) : IJob
{
    public const string Name = "oplog_retention";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var removed = await retention.RunAsync(cancellationToken);
        context.Result = removed;
    }
}
