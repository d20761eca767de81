using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Modules.Alerts;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.OperationLogs.Recording;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.UnitTests.OperationLogs;

internal static class Fakes
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);

    public static IMeterFactory Meters() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static OperationLogQueue Queue(OperationLogOptions options) => new(Options.Create(options), new OperationLogMetrics(Meters()));

    public static OperationLog Entry(int n) => new()
    {
        Id = OperationLogId.New(T0.AddSeconds(n)),
        UserId = "u",
        Username = "user",
        ActionType = "api",
        Action = "POST /api/x " + n,
        Details = new JsonObject { ["n"] = n },
        Success = true,
        Timestamp = T0.AddSeconds(n),
        CreatedAt = T0.AddSeconds(n),
    };

    public static async Task PollAsync(Func<bool> condition, Action? tick = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            tick?.Invoke();
            await Task.Delay(10);
        }

        condition().Should().BeTrue();
    }
}

/// <summary>Keeps the batches it is given; fails the first <see cref="FailuresLeft"/> attempts (a transient error: the
/// store is unreachable), and refuses every batch holding an entry <see cref="Refuses"/> (a permanent error, as a
/// document the store cannot hold), storing nothing of that batch.</summary>
internal sealed class MemoryStore : IOperationLogStore
{
    private readonly Lock _gate = new();
    private readonly List<IReadOnlyList<OperationLog>> _batches = [];

    public int FailuresLeft { get; set; }

    public Func<OperationLog, bool> Refuses { get; set; } = _ => false;

    public int Attempts { get; private set; }

    public List<IReadOnlyList<OperationLog>> Batches
    {
        get
        {
            lock (_gate)
            {
                return _batches.ToList();
            }
        }
    }

    public int Count => Batches.Sum(b => b.Count);

    public Task InsertManyAsync(IReadOnlyList<OperationLog> entries, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Attempts++;
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new IOException("store unavailable");
            }

            if (entries.Any(Refuses))
            {
                throw new FormatException("the store cannot hold this entry");
            }

            _batches.Add(entries);
        }

        return Task.CompletedTask;
    }

    public Task<OperationLog?> FindAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<PagedResult<OperationLog>> ListAsync(OperationLogFilter filter, int page, int pageSize, CancellationToken cancellationToken)
        => throw new NotSupportedException();

    public IAsyncEnumerable<OperationLogExportRow> StreamAsync(OperationLogFilter filter, CancellationToken cancellationToken)
        => throw new NotSupportedException();

    public Task<OperationLogStats> StatsAsync(DateTimeOffset since, int topUsers, CancellationToken cancellationToken)
        => throw new NotSupportedException();

    public Task<long> DeleteAsync(DateTimeOffset before, string? actionType, CancellationToken cancellationToken)
        => throw new NotSupportedException();

    public Task<long> DeleteCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
        => throw new NotSupportedException();
}

internal sealed class RecordingAlerts : IAlertRaiser
{
    private readonly Lock _gate = new();
    private readonly List<string> _events = [];

    public List<string> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToList();
            }
        }
    }

    public Task FireAsync(AlertSignal signal, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _events.Add($"fire {signal.Rule} {signal.Level}");
        }

        return Task.CompletedTask;
    }

    public Task ClearAsync(string rule, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _events.Add($"clear {rule}");
        }

        return Task.CompletedTask;
    }
}
