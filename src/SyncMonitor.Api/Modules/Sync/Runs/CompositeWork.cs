using SyncMonitor.Api.Common.Localization;
using SyncMonitor.Api.Modules.Progress;

namespace SyncMonitor.Api.Modules.Sync.Runs;

/// <summary>Several works in one run under one lease, e.g. the nightly stock basics followed by today's daily basic.
/// Each part's steps appear as <c>{job}.{step}</c>, weighted by the part's share of the run.</summary>
public sealed class CompositeWork(string job, string dataType, IReadOnlyList<(ISyncWork Work, double Share)> parts) : ISyncWork
{
    public string Job => job;

    public string DataType => dataType;

    public IReadOnlyList<ProgressStep> Steps { get; } = parts
        .SelectMany(p => p.Work.Steps.Select(s => new ProgressStep($"{p.Work.Job}.{s.Name}", s.Weight * p.Share)))
        .ToList();

    public async Task ExecuteAsync(RunContext context)
    {
        foreach (var (work, _) in parts)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            await work.ExecuteAsync(context.WithProgress(new PrefixedProgress(context.Progress, work.Job + ".")));
        }
    }

    /// <summary>Maps a part's step names onto the composite's.</summary>
    private sealed class PrefixedProgress(ITaskProgress inner, string prefix) : ITaskProgress
    {
        public string TaskId => inner.TaskId;

        public Task BeginStepAsync(string step, string? message = null) => inner.BeginStepAsync(prefix + step, message);

        public Task BeginStepAsync(string step, LocalizedText message) => inner.BeginStepAsync(prefix + step, message);

        public Task ReportAsync(string step, double fraction, string? message = null) => inner.ReportAsync(prefix + step, fraction, message);

        public Task CompleteStepAsync(string step) => inner.CompleteStepAsync(prefix + step);

        public Task MarkCompletedAsync(string? message = null, string? outcome = null, IReadOnlyList<LocalizedText>? messageParts = null)
            => inner.MarkCompletedAsync(message, outcome, messageParts);

        public Task MarkFailedAsync(string reason, IReadOnlyList<LocalizedText>? reasonParts = null) => inner.MarkFailedAsync(reason, reasonParts);

        public Task MarkCancelledAsync(string? reason = null, IReadOnlyList<LocalizedText>? reasonParts = null) => inner.MarkCancelledAsync(reason, reasonParts);
    }
}
