namespace SyncMonitor.Api.Modules.Sync.Storage;

/// <summary>The one global lease (<c>sync_lock</c>): who holds it, until when, with which fencing token, and for
/// which task. Every operation is atomic in the store, so it holds across processes and instances.</summary>
public interface ISyncLeaseStore
{
    /// <summary>Takes the lease when it is free, released or expired; increments the fencing token. The moment of the
    /// acquisition is the store's, taken inside the acquiring transaction or command (after any wait for another
    /// writer), and the expiry is that moment plus <paramref name="duration"/>; it is returned as
    /// <see cref="HeldLease.AcquiredAt"/>, the run's start. Returns the outcome, including the holder when busy and
    /// the expired holder when taken over.</summary>
    Task<LeaseAcquisition> TryAcquireAsync(LeaseClaim claim, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Extends the lease when <paramref name="lease"/> still holds it. False when it was lost
    /// (expired and taken by another owner, or released).</summary>
    Task<bool> RenewAsync(HeldLease lease, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Releases the lease, only when <paramref name="lease"/> still holds it.</summary>
    Task ReleaseAsync(HeldLease lease, CancellationToken cancellationToken);

    /// <summary>Asks the holder of <paramref name="taskId"/> to cancel (seen by its heartbeat). False when no
    /// current lease runs that task.</summary>
    Task<bool> RequestCancelAsync(string taskId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The lease as stored (held or not, expired or not), or null before the first acquisition.</summary>
    Task<LeaseState?> GetAsync(CancellationToken cancellationToken);
}

/// <summary>What a caller wants the lease for: an owner token unique to this acquisition and the task it will run.</summary>
public sealed record LeaseClaim(string OwnerToken, CurrentTask Task);

/// <summary>A lease this process holds: the owner token, the fencing token its writes carry, and when the store
/// granted it (the start of the run that holds it).</summary>
public sealed record HeldLease(string OwnerToken, long FencingToken, DateTimeOffset AcquiredAt = default);

/// <summary>The stored lease document.</summary>
public sealed record LeaseState(
    string? OwnerToken,
    long FencingToken,
    DateTimeOffset? ExpiresAt,
    CurrentTask? Task,
    bool CancelRequested)
{
    public bool IsHeldAt(DateTimeOffset now) => OwnerToken is not null && ExpiresAt > now;
}

/// <summary>The result of an acquisition attempt.</summary>
public sealed record LeaseAcquisition(HeldLease? Lease, LeaseState? Holder, CurrentTask? ExpiredTask)
{
    public bool Acquired => Lease is not null;

    public static LeaseAcquisition Busy(LeaseState holder) => new(null, holder, null);
}

/// <summary><c>current_task</c> (SPEC §3.1). <see cref="Progress"/> is filled when served, from the progress tracker.</summary>
public sealed record CurrentTask
{
    public required string TaskId { get; init; }

    public required SyncTaskType TaskType { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public string? StartDate { get; init; }

    public string? EndDate { get; init; }

    public int? TotalDays { get; init; }

    public double Progress { get; init; }

    /// <summary>The instance running it (host name and process id).</summary>
    public required string Owner { get; init; }

    public string? TriggeredBy { get; init; }
}

/// <summary>Thrown by a store write whose fencing token is no longer the lease's: the run lost its lease and must
/// not write.</summary>
public sealed class StaleLeaseException(long fencingToken)
    : Exception($"The sync lease with fencing token {fencingToken} is no longer held; the write was refused.")
{
    public long FencingToken { get; } = fencingToken;
}
