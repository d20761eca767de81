using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.OperationLogs.Storage;

namespace SyncMonitor.TestSupport;

/// <summary>An operation-log store in memory for the writer and queue: keeps the batches it is given, fails the first
/// <see cref="FailuresLeft"/> attempts, and with <see cref="Blocked"/> holds every insert until <see cref="Release"/>
/// (a store outage). Queries are not supported.</summary>
public sealed class FakeOperationLogStore : IOperationLogStore
{
    private readonly Lock _lock = new();
    private readonly List<IReadOnlyList<OperationLog>> _batches = [];
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int FailuresLeft { get; set; }

    public bool Blocked { get; set; }

    public int Attempts { get; private set; }

    /// <summary>Completes when the first insert arrived (held, when blocked).</summary>
    public Task Entered => _entered.Task;

    public IReadOnlyList<IReadOnlyList<OperationLog>> Batches
    {
        get
        {
            lock (_lock)
            {
                return [.. _batches];
            }
        }
    }

    /// <summary>Entries stored so far.</summary>
    public int Count => Batches.Sum(b => b.Count);

    public void Release() => _released.TrySetResult();

    public async Task InsertManyAsync(IReadOnlyList<OperationLog> entries, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        if (Blocked)
        {
            await _released.Task.WaitAsync(cancellationToken);
        }

        lock (_lock)
        {
            Attempts++;
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new IOException("store unavailable");
            }

            _batches.Add(entries);
        }
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
