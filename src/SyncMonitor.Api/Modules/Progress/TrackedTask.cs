using SyncMonitor.Api.Common.Localization;
namespace SyncMonitor.Api.Modules.Progress;

/// <summary>A task run by this process: its progress model and the writer side handed to the run. Updates change
/// memory only; the tracker's tick writes and pushes them (coalesced, at most once per tick), while a final state
/// is written and pushed before the call returns.</summary>
internal sealed class TrackedTask : ITaskProgress
{
    /// <summary>A running task with no news is still rewritten this often, so other instances see its elapsed time
    /// move and an idle task moves to the fallback file soon after Redis is lost.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TaskProgressModel _model;
    private readonly ProgressWriter _writer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<string> _unknownSteps = new(StringComparer.Ordinal);
    private long _writtenVersion = -1;
    private DateTimeOffset _writtenAt = DateTimeOffset.MinValue;

    public TrackedTask(TaskProgressModel model, ProgressWriter writer, TimeProvider time, ILogger logger)
    {
        _model = model;
        _writer = writer;
        _time = time;
        _logger = logger;
    }

    public string TaskId => _model.TaskId;

    public bool IsRunning
    {
        get
        {
            lock (_lock)
            {
                return !_model.IsFinal;
            }
        }
    }

    public DateTimeOffset UpdatedAt
    {
        get
        {
            lock (_lock)
            {
                return _model.UpdatedAt;
            }
        }
    }

    public TaskProgressSnapshot Snapshot()
    {
        lock (_lock)
        {
            return _model.Snapshot(_time.GetUtcNow());
        }
    }

    public Task BeginStepAsync(string step, string? message = null) => Change(step, (m, now) => m.BeginStep(step, message, now));

    public Task BeginStepAsync(string step, LocalizedText message)
        => Change(step, (m, now) => m.BeginStep(step, message.In(LocalizationModule.DefaultCulture), now, [message]));

    public Task ReportAsync(string step, double fraction, string? message = null)
        => Change(step, (m, now) => m.Report(step, fraction, message, now));

    public Task CompleteStepAsync(string step) => Change(step, (m, now) => m.CompleteStep(step, now));

    public Task MarkCompletedAsync(string? message = null, string? outcome = null, IReadOnlyList<LocalizedText>? messageParts = null)
        => FinishAsync((m, now) => m.MarkCompleted(message, now, outcome, messageParts));

    public Task MarkFailedAsync(string reason, IReadOnlyList<LocalizedText>? reasonParts = null) => FinishAsync((m, now) => m.MarkFailed(reason, now, reasonParts));

    public Task MarkCancelledAsync(string? reason = null, IReadOnlyList<LocalizedText>? reasonParts = null)
        => FinishAsync((m, now) => m.MarkCancelled(reason, now, reasonParts));

    /// <summary>Writes the latest state if it is not stored yet (or a heartbeat is due). With <paramref name="wait"/>
    /// false it gives way to a write already in progress (the next tick picks the change up).</summary>
    public async Task FlushAsync(bool wait)
    {
        if (wait)
        {
            await _writeGate.WaitAsync();
        }
        else if (!await _writeGate.WaitAsync(0))
        {
            return;
        }

        try
        {
            TaskProgressSnapshot snapshot;
            long version;
            var now = _time.GetUtcNow();
            lock (_lock)
            {
                var heartbeatDue = !_model.IsFinal && now - _writtenAt >= HeartbeatInterval;
                if (_model.Version == _writtenVersion && !heartbeatDue)
                {
                    return;
                }

                snapshot = _model.Snapshot(now);
                version = _model.Version;
            }

            // A snapshot no store took stays pending and is retried on the next tick.
            if (await _writer.WriteAsync(snapshot))
            {
                _writtenVersion = version;
                _writtenAt = now;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private Task Change(string step, Func<TaskProgressModel, DateTimeOffset, bool> change)
    {
        lock (_lock)
        {
            if (!_model.HasStep(step))
            {
                // A wrong step name is the caller's bug, but progress must never be what breaks a sync run.
                if (_unknownSteps.Add(step))
                {
                    _logger.LogWarning("Progress of {TaskId}: unknown step {Step} ignored", TaskId, step);
                }

                return Task.CompletedTask;
            }

            change(_model, _time.GetUtcNow());
        }

        return Task.CompletedTask;
    }

    private async Task FinishAsync(Func<TaskProgressModel, DateTimeOffset, bool> finish)
    {
        lock (_lock)
        {
            if (!finish(_model, _time.GetUtcNow()))
            {
                return;
            }
        }

        await FlushAsync(wait: true);
    }
}
