namespace SyncMonitor.Api.Modules.Progress;

/// <summary>The estimate of the time left (issue 13 item 10; accuracy measured by <c>benchmarks/eta-accuracy.sh</c>).</summary>
internal sealed partial class TaskProgressModel
{
    private static readonly TimeSpan PaceWindow = TimeSpan.FromSeconds(20);

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

        var stepPace = RecentPace(step.Name, done, now) ?? done / stepSeconds;
        var finished = _steps.Where(s => s.Status == ProgressState.Completed && s.StartedAt is not null && s.FinishedAt is not null).ToList();
        var finishedSeconds = finished.Sum(s => (s.FinishedAt!.Value - s.StartedAt!.Value).TotalSeconds);
        var finishedPace = finished.Count > 0 ? Points(finished.Sum(s => s.Weight)) / Math.Max(finishedSeconds, 0.001) : 0;
        var laterPace = Math.Max(stepPace, finishedPace);
        var later = Points(_steps.Where(s => s.Status == ProgressState.Pending).Sum(s => s.Weight));
        return (Points(step.Weight) - done) / stepPace + later / laterPace;
    }

    private double Points(double weight) => weight / _totalWeight * 100;

    /// <summary>The running step's pace over about the last <see cref="PaceWindow"/> (when that covers at least 5 s):
    /// a source that slows down as the run goes (a busy machine, a growing table) is judged by how it goes now.</summary>
    private double? RecentPace(string step, double done, DateTimeOffset now)
    {
        while (_pace.Count > 0 && (_pace.Peek().Step != step || now - _pace.Peek().At > PaceWindow))
        {
            _pace.Dequeue();
        }

        if (_pace.Count == 0)
        {
            return null;
        }

        var (at, _, points) = _pace.Peek();
        var seconds = (now - at).TotalSeconds;
        return seconds >= 5 && done - points > 0 ? (done - points) / seconds : null;
    }
}
