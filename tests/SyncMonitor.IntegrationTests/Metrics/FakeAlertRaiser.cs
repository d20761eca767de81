using System.Collections.Concurrent;
using SyncMonitor.Api.Modules.Alerts;

namespace SyncMonitor.IntegrationTests.Metrics;

/// <summary>Records what the Metrics module asks of the alert raiser. <see cref="Gate"/> can hold every call.</summary>
public sealed class FakeAlertRaiser : IAlertRaiser
{
    public ConcurrentQueue<AlertSignal> Fired { get; } = new();

    public ConcurrentQueue<(string Rule, IReadOnlyDictionary<string, string> Labels)> Cleared { get; } = new();

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Blocking { get; set; }

    public async Task FireAsync(AlertSignal signal, CancellationToken cancellationToken)
    {
        if (Blocking)
        {
            await Gate.Task.WaitAsync(cancellationToken);
        }

        Fired.Enqueue(signal);
    }

    public Task ClearAsync(string rule, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        Cleared.Enqueue((rule, labels));
        return Task.CompletedTask;
    }

    public int FiredFor(string operation) => Fired.Count(s => s.Labels["operation"] == operation);

    public int ClearedFor(string operation) => Cleared.Count(c => c.Labels["operation"] == operation);
}
