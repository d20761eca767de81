namespace SyncMonitor.Api.Modules.Sync.Sources.Shared;

/// <summary>Reports progress while one long request is outstanding (AKTools' spot snapshot takes tens of seconds
/// and says nothing until it is done): an estimate that approaches 0.9 over the expected duration, then 1.0 when
/// the caller disposes it after success.</summary>
internal sealed class WaitingProgress : IDisposable
{
    private readonly IProgress<double>? _progress;
    private readonly ITimer? _timer;
    private readonly long _started;
    private readonly TimeProvider _time;
    private readonly TimeSpan _expected;

    public WaitingProgress(IProgress<double>? progress, TimeProvider time, TimeSpan expected)
    {
        _progress = progress;
        _time = time;
        _expected = expected;
        _started = time.GetTimestamp();
        _timer = progress is null ? null : time.CreateTimer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void Complete()
    {
        _timer?.Dispose();
        _progress?.Report(1.0);
    }

    public void Dispose() => _timer?.Dispose();

    private void Tick()
    {
        var elapsed = _time.GetElapsedTime(_started);
        _progress!.Report(0.9 * (1 - Math.Exp(-elapsed.TotalSeconds / Math.Max(1, _expected.TotalSeconds))));
    }
}
