using System.Collections.Concurrent;
using Quartz;

namespace SyncMonitor.IntegrationTests.Scheduling;

/// <summary>What the test jobs did, per job name: runs started and finished, and the most that ever ran at once.
/// A gated probe holds every run until the test releases it.</summary>
public sealed class JobProbe
{
    private readonly SemaphoreSlim _gate = new(0);
    private int _started;
    private int _finished;
    private int _running;
    private int _maxRunning;

    public bool Gated { get; set; }

    public int Started => Volatile.Read(ref _started);

    public int Finished => Volatile.Read(ref _finished);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public void Release() => _gate.Release();

    public async ValueTask RunAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        var running = Interlocked.Increment(ref _running);
        int max;
        while (running > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, running, max) != max)
        {
        }

        try
        {
            if (Gated)
            {
                await _gate.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref _finished);
        }
    }
}

public sealed class JobProbes
{
    private readonly ConcurrentDictionary<string, JobProbe> _probes = new(StringComparer.Ordinal);

    public JobProbe For(string jobName) => _probes.GetOrAdd(jobName, _ => new JobProbe());
}

/// <summary>Reports to the probe of the name it was registered under. Deliberately without
/// [DisallowConcurrentExecution]: the scheduler makes every registered job non-concurrent.</summary>
public sealed class ProbeJob(JobProbes probes) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        => probes.For(context.JobDetail.Key.Name).RunAsync(cancellationToken);
}

public sealed class FailingJob : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        => throw new InvalidOperationException("source unreachable");
}

/// <summary>What a sync job does when the global lock is held by another run.</summary>
public sealed class SkippingJob : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        context.Result = JobRunReport.Skipped("sync already running");
        return ValueTask.CompletedTask;
    }
}
