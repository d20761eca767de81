namespace SyncMonitor.TestSupport;

/// <summary>Polling until something holds, with deadlines generous enough for a shared, loaded machine: a test waits
/// for an outcome, never for a duration.</summary>
public static class Eventually
{
    public const int DefaultSeconds = 60;

    /// <summary>Polls until <paramref name="condition"/> holds; <paramref name="tick"/> runs before each look (e.g. to
    /// advance a fake clock). Throws <see cref="TimeoutException"/> naming <paramref name="because"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string because, int seconds = DefaultSeconds, Action? tick = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            tick?.Invoke();
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {seconds} s waiting until {because}.");
            }

            await Task.Delay(20);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string because, int seconds = DefaultSeconds, Action? tick = null)
        => HoldsAsync(() => Task.FromResult(condition()), because, seconds, tick);
}
