using SyncMonitor.Api.Modules.Metrics.Export;

namespace SyncMonitor.Api.Modules.Metrics.Performance;

/// <summary>A ring of <see cref="TimeSlot"/>s, one per time bucket of the sliding window. A slot is replaced
/// (never cleared in place) when its position comes round again, so a writer holding the old slot cannot lose
/// a call to a concurrent reset; memory per operation is bounded by the ring's length.</summary>
internal sealed class OperationWindow(string operation, int slotCount, OperationSeries? series)
{
    private readonly TimeSlot?[] _slots = new TimeSlot?[slotCount];

    public string Operation { get; } = operation;

    /// <summary>This operation's Prometheus children, resolved once so recording needs no label lookup.</summary>
    public OperationSeries? Series { get; } = series;

    public int AllocatedSlots
    {
        get
        {
            var allocated = 0;
            for (var i = 0; i < _slots.Length; i++)
            {
                allocated += Volatile.Read(ref _slots[i]) is null ? 0 : 1;
            }

            return allocated;
        }
    }

    public void Record(long epoch, long micros, bool success, Slowness slowness)
        => SlotFor(epoch).Record(micros, success, slowness);

    /// <summary>Totals of the slots still inside the window that ends with bucket <paramref name="currentEpoch"/>.</summary>
    public WindowTotals Totals(long currentEpoch, long[]? counts)
    {
        var totals = default(WindowTotals);
        for (var i = 0; i < _slots.Length; i++)
        {
            var current = Volatile.Read(ref _slots[i]);
            if (current is not null && current.Epoch > currentEpoch - _slots.Length && current.Epoch <= currentEpoch)
            {
                current.AddTo(ref totals, counts);
            }
        }

        return totals;
    }

    private TimeSlot SlotFor(long epoch)
    {
        ref var cell = ref _slots[(int)(epoch % _slots.Length)];
        while (true)
        {
            var current = Volatile.Read(ref cell);
            // A newer slot wins: a caller that stalled longer than the whole window counts in the present bucket.
            if (current is not null && current.Epoch >= epoch)
            {
                return current;
            }

            var fresh = new TimeSlot(epoch);
            if (ReferenceEquals(Interlocked.CompareExchange(ref cell, fresh, current), current))
            {
                return fresh;
            }
        }
    }
}
