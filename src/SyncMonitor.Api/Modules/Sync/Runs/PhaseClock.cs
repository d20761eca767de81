using System.Diagnostics;
using System.Text;

namespace SyncMonitor.Api.Modules.Sync.Runs;

/// <summary>Wall time per phase of a run, for the debug log that tells where a run's time went
/// (<c>fetch 12, normalize 3, …</c>); each mark closes the phase that began at the previous one.</summary>
internal sealed class PhaseClock
{
    private readonly StringBuilder _text = new();
    private long _last = Stopwatch.GetTimestamp();

    public void Mark(string phase)
    {
        var now = Stopwatch.GetTimestamp();
        _text.Append(_text.Length == 0 ? string.Empty : ", ").Append(phase).Append(' ')
            .Append(Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
        _last = now;
    }

    public override string ToString() => _text.ToString();
}
