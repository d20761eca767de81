using SyncMonitor.Api.Common.Localization;

namespace SyncMonitor.Api.Modules.Progress;

/// <summary>The progress arithmetic of one task: weighted steps run in the order given, a percentage that never
/// goes down, and an estimate of the time left from the pace of the running step (or the rate so far). Not thread-safe: the owner
/// serializes calls. Every method returns whether something visible changed.</summary>
internal sealed partial class TaskProgressModel
{
    private readonly Step[] _steps;
    private readonly double _totalWeight;
    private readonly Queue<(DateTimeOffset At, string Step, double Points)> _pace = new();
    private double _percent;
    private string? _currentStep;
    private string? _message;
    private IReadOnlyList<LocalizedText>? _messageParts;
    private string? _outcome;
    private DateTimeOffset _updatedAt;
    private DateTimeOffset? _finishedAt;

    public TaskProgressModel(string taskId, string taskType, IReadOnlyList<ProgressStep> steps, DateTimeOffset now)
    {
        ValidateSteps(steps);
        TaskId = taskId;
        TaskType = taskType;
        _steps = [.. steps.Select(s => new Step(s.Name, s.Weight))];
        _totalWeight = _steps.Sum(s => s.Weight);
        StartedAt = now;
        _updatedAt = now;
    }

    public string TaskId { get; }

    public string TaskType { get; }

    public DateTimeOffset StartedAt { get; }

    public DateTimeOffset UpdatedAt => _updatedAt;

    public ProgressState Status { get; private set; } = ProgressState.Running;

    public bool IsFinal => Status != ProgressState.Running;

    /// <summary>Grows with every visible change; the writer uses it to know what is already stored.</summary>
    public long Version { get; private set; }

    public bool HasStep(string name) => Find(name) is not null;

    /// <summary>Starts a step. Earlier steps still open are done (or skipped) by then and count as completed.</summary>
    public bool BeginStep(string name, string? message, DateTimeOffset now, IReadOnlyList<LocalizedText>? messageParts = null)
    {
        var step = Find(name);
        if (IsFinal || step is null || step.Status == ProgressState.Completed)
        {
            return false;
        }

        var changed = message is not null && message != _message;
        if (message is not null)
        {
            _message = message;
            _messageParts = messageParts;
        }
        if (step.Status == ProgressState.Pending)
        {
            foreach (var earlier in _steps.TakeWhile(s => s != step).Where(s => s.Status != ProgressState.Completed))
            {
                earlier.Complete(now);
            }

            step.Status = ProgressState.Running;
            step.StartedAt = now;
            changed = true;
        }

        changed |= _currentStep != name;
        _currentStep = name;
        return changed && Touch(now);
    }

    /// <summary>Progress inside a step (0..1); a pending step begins. A lower fraction than before is ignored.</summary>
    public bool Report(string name, double fraction, string? message, DateTimeOffset now)
    {
        var step = Find(name);
        if (IsFinal || step is null || step.Status == ProgressState.Completed || double.IsNaN(fraction))
        {
            return false;
        }

        var changed = BeginStep(name, message, now);
        var clamped = Math.Clamp(fraction, 0, 1);
        if (clamped > step.Fraction)
        {
            step.Fraction = clamped;
            changed = true;
        }

        return changed && Touch(now);
    }

    public bool CompleteStep(string name, DateTimeOffset now)
    {
        var step = Find(name);
        if (IsFinal || step is null || step.Status == ProgressState.Completed)
        {
            return false;
        }

        BeginStep(name, null, now);
        step.Complete(now);
        return Touch(now);
    }

    public bool MarkCompleted(string? message, DateTimeOffset now, string? outcome = null, IReadOnlyList<LocalizedText>? messageParts = null)
    {
        if (IsFinal)
        {
            return false;
        }

        foreach (var step in _steps.Where(s => s.Status != ProgressState.Completed))
        {
            step.Complete(now);
        }

        _currentStep = null;
        _outcome = outcome;
        return Finish(ProgressState.Completed, message, messageParts, now);
    }

    public bool MarkFailed(string reason, DateTimeOffset now, IReadOnlyList<LocalizedText>? reasonParts = null)
        => End(ProgressState.Failed, reason, reasonParts, now);

    public bool MarkCancelled(string? reason, DateTimeOffset now, IReadOnlyList<LocalizedText>? reasonParts = null)
        => End(ProgressState.Cancelled, reason, reasonParts, now);

    /// <summary>The task as of <paramref name="now"/>: a running task's elapsed time and estimate move with the clock.</summary>
    public TaskProgressSnapshot Snapshot(DateTimeOffset now)
    {
        var end = _finishedAt ?? (now > _updatedAt ? now : _updatedAt);
        var elapsed = Math.Max(0, (end - StartedAt).TotalSeconds);
        return new TaskProgressSnapshot(
            TaskId,
            TaskType,
            Status,
            _percent,
            _currentStep,
            [.. _steps.Select(s => s.ToSnapshot())],
            _message,
            StartedAt,
            _updatedAt,
            Math.Round(elapsed, 3),
            EstimateRemaining(end, elapsed),
            Status switch
            {
                ProgressState.Completed => _outcome ?? "success",
                ProgressState.Failed => "failed",
                ProgressState.Cancelled => "cancelled",
                _ => null,
            },
            _messageParts);
    }

    private bool End(ProgressState status, string? message, IReadOnlyList<LocalizedText>? messageParts, DateTimeOffset now)
    {
        if (IsFinal)
        {
            return false;
        }

        foreach (var step in _steps.Where(s => s.Status == ProgressState.Running))
        {
            step.Status = status;
            step.FinishedAt = now;
        }

        return Finish(status, message, messageParts, now);
    }

    /// <summary>A null message keeps the last one (with its parts).</summary>
    private bool Finish(ProgressState status, string? message, IReadOnlyList<LocalizedText>? messageParts, DateTimeOffset now)
    {
        Status = status;
        if (message is not null)
        {
            _message = message;
            _messageParts = messageParts is { Count: > 0 } ? messageParts : null;
        }

        _finishedAt = now;
        return Touch(now);
    }

    private bool Touch(DateTimeOffset now)
    {
        if (_currentStep is not null && Find(_currentStep) is { Status: ProgressState.Running } running)
        {
            _pace.Enqueue((now, running.Name, Points(running.Weight * running.Fraction)));
            if (_pace.Count > 4096)
            {
                _pace.Dequeue();
            }
        }

        var weighted = _totalWeight > 0 ? _steps.Sum(s => s.Weight * s.Fraction) / _totalWeight * 100 : 0;
        var percent = Status == ProgressState.Completed ? 100 : Math.Min(100, Math.Round(weighted, 2));
        _percent = Math.Max(_percent, percent);
        // A clock that steps back (NTP) must not make the snapshot look older than the one already stored.
        _updatedAt = now > _updatedAt ? now : _updatedAt;
        Version++;
        return true;
    }

    private Step? Find(string name) => Array.Find(_steps, s => s.Name == name);

    private static void ValidateSteps(IReadOnlyList<ProgressStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var step in steps)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(step.Name, nameof(steps));
            if (!double.IsFinite(step.Weight) || step.Weight < 0)
            {
                throw new ArgumentException($"Step '{step.Name}' needs a finite weight >= 0.", nameof(steps));
            }
        }

        if (steps.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != steps.Count)
        {
            throw new ArgumentException("Step names must be unique.", nameof(steps));
        }
    }

    private sealed class Step(string name, double weight)
    {
        public string Name { get; } = name;

        public double Weight { get; } = weight;

        public ProgressState Status { get; set; } = ProgressState.Pending;

        public double Fraction { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public DateTimeOffset? FinishedAt { get; set; }

        public void Complete(DateTimeOffset now)
        {
            Status = ProgressState.Completed;
            Fraction = 1;
            StartedAt ??= now;
            FinishedAt = now;
        }

        public StepProgressSnapshot ToSnapshot() => new(Name, Weight, Status, Math.Round(Fraction, 4), StartedAt, FinishedAt);
    }
}
