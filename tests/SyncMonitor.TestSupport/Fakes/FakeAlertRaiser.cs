using SyncMonitor.Api.Modules.Alerts;

namespace SyncMonitor.TestSupport;

/// <summary>Records what a module asks of the alert raiser, in order. With <see cref="Blocking"/> every
/// <see cref="FireAsync"/> waits for <see cref="Gate"/>, as a slow alert store would.</summary>
public sealed class FakeAlertRaiser : IAlertRaiser
{
    private readonly Lock _lock = new();
    private readonly List<AlertSignal> _fired = [];
    private readonly List<(string Rule, IReadOnlyDictionary<string, string> Labels)> _cleared = [];
    private readonly List<string> _events = [];

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Blocking { get; set; }

    public IReadOnlyList<AlertSignal> Fired => Snapshot(_fired);

    public IReadOnlyList<(string Rule, IReadOnlyDictionary<string, string> Labels)> Cleared => Snapshot(_cleared);

    /// <summary>Every call as text, in order: <c>fire {rule} {level}</c> or <c>clear {rule}</c>.</summary>
    public IReadOnlyList<string> Events => Snapshot(_events);

    public async Task FireAsync(AlertSignal signal, CancellationToken cancellationToken)
    {
        if (Blocking)
        {
            await Gate.Task.WaitAsync(cancellationToken);
        }

        lock (_lock)
        {
            _fired.Add(signal);
            _events.Add($"fire {signal.Rule} {signal.Level}");
        }
    }

    public Task ClearAsync(string rule, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _cleared.Add((rule, labels));
            _events.Add($"clear {rule}");
        }

        return Task.CompletedTask;
    }

    /// <summary>Alerts fired for an <c>operation</c> label (slow-operation alerts).</summary>
    public int FiredFor(string operation) => Fired.Count(s => s.Labels.GetValueOrDefault("operation") == operation);

    public int ClearedFor(string operation) => Cleared.Count(c => c.Labels.GetValueOrDefault("operation") == operation);

    private List<TItem> Snapshot<TItem>(List<TItem> items)
    {
        lock (_lock)
        {
            return [.. items];
        }
    }
}
