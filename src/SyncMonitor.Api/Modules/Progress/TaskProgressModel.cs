namespace SyncMonitor.Api.Modules.Progress;

/// <summary>The progress arithmetic of one task: weighted steps run in the order given, a percentage that never
/// goes down, and an estimate of the time left from the pace of the running step (or the rate so far). Not thread-safe: the owner
/// serializes calls. Every method returns whether something visible changed.</summary>
internal sealed class TaskProgressModel
{
    private readonly Step[] _steps;
    private readonly double _totalWeight;
    private double _percent;
    private string? _currentStep;
    private string? _message;
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
    public bool BeginStep(string name, string? message, DateTimeOffset now)
    {
        var step = Find(name);
        if (IsFinal || step is null || step.Status == ProgressState.Completed)
        {
            return false;
        }

        var changed = message is not null && message != _message;
        _message = message ?? _message;
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

    public bool MarkCompleted(string? message, DateTimeOffset now, string? outcome = null)
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
        return Finish(ProgressState.Completed, message ?? _message, now);
    }

    public bool MarkFailed(string reason, DateTimeOffset now) => End(ProgressState.Failed, reason, now);

    public bool MarkCancelled(string? reason, DateTimeOffset now) => End(ProgressState.Cancelled, reason ?? _message, now);

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
            });
    }

    /// <summary>Whole seconds left: unknown before any progress, zero once done, none after a failure. Steps run at very
    /// different speeds (a calendar read in a moment, then a hundred dates one by one), so the average since the start
    /// misjudges what is left: the rest of the running step goes at that step's pace so far, steps not yet begun at
    /// the faster of that pace and the finished steps' (what is left after the long step is mostly bookkeeping).
    /// Paces are measured up to <paramref name="now"/>, so a stall makes the estimate grow instead of freezing it. A
    /// running task below 100 % is never told 0 s.</summary>
    private double? EstimateRemaining(DateTimeOffset now, double elapsedSeconds)
    {
        if (Status == ProgressState.Completed || (Status == ProgressState.Running && _percent >= 100))
        {
            return 0;
        }

        if (Status != ProgressState.Running || _percent <= 0 || elapsedSeconds <= 0)
        {
            return null;
        }

        var seconds = EstimateBySteps(now) ?? (100 - _percent) / (_percent / elapsedSeconds);
        return Math.Max(1, Math.Round(seconds));
    }

    /// <summary>Null until the running step has moved a percent point over half a second.</summary>
    private double? EstimateBySteps(DateTimeOffset now)
    {
        var step = _currentStep is null ? null : Find(_currentStep);
        if (step is not { Status: ProgressState.Running, StartedAt: { } started } || _totalWeight <= 0)
        {
            return null;
        }

        var done = Points(step.Weight * step.Fraction);
        var stepSeconds = (now - started).TotalSeconds;
        if (done < 1 || stepSeconds < 0.5)
        {
            return null;
        }

        var stepPace = done / stepSeconds;
        var finished = _steps.Where(s => s.Status == ProgressState.Completed && s.StartedAt is not null && s.FinishedAt is not null).ToList();
        var finishedSeconds = finished.Sum(s => (s.FinishedAt!.Value - s.StartedAt!.Value).TotalSeconds);
        var finishedPace = finished.Count > 0 ? Points(finished.Sum(s => s.Weight)) / Math.Max(finishedSeconds, 0.001) : 0;
        var laterPace = Math.Max(stepPace, finishedPace);
        var later = Points(_steps.Where(s => s.Status == ProgressState.Pending).Sum(s => s.Weight));
        return (Points(step.Weight) - done) / stepPace + later / laterPace;
    }

    private double Points(double weight) => weight / _totalWeight * 100;

    private bool End(ProgressState status, string? message, DateTimeOffset now)
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

        return Finish(status, message, now);
    }

    private bool Finish(ProgressState status, string? message, DateTimeOffset now)
    {
        Status = status;
        _message = message;
        _finishedAt = now;
        return Touch(now);
    }

    private bool Touch(DateTimeOffset now)
    {
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
