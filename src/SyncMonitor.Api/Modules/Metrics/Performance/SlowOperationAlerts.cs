using Microsoft.Extensions.Options;
using SyncMonitor.Api.Modules.Alerts;

namespace SyncMonitor.Api.Modules.Metrics.Performance;

/// <summary>Raises and clears slow-operation alerts off the hot path. Woken by a slow call (or every
/// <see cref="PerformanceOptions.AlertCheckSeconds"/>), it applies <see cref="SlowOperationRule"/> per operation
/// and calls the alert raiser only on a change: once when an operation turns slow (again if its level changes),
/// and a clear when its window no longer qualifies. Repeats while it stays slow are the Alerts module's business.</summary>
internal sealed partial class SlowOperationAlerts(
    PerformanceMonitor monitor,
    SlowOperationSignal signal,
    IServiceScopeFactory scopes,
    IOptions<PerformanceOptions> options,
    TimeProvider time,
    ILogger<SlowOperationAlerts> logger) : BackgroundService
{
    private readonly Dictionary<string, AlertLevel> _open = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.AlertCheckSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(period, time, stoppingToken);
            try
            {
                await EvaluateAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The alert store may be briefly unavailable; nothing changed state, so the next pass retries.
                LogEvaluationFailed(logger, ex.GetType().Name);
            }
        }
    }

    internal async Task EvaluateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var raiser = scope.ServiceProvider.GetRequiredService<IAlertRaiser>();
        foreach (var (operation, totals) in monitor.Totals())
        {
            var level = SlowOperationRule.Evaluate(totals, settings);
            var isOpen = _open.TryGetValue(operation, out var openLevel);
            if (level is { } firing && (!isOpen || openLevel != firing))
            {
                await raiser.FireAsync(SlowOperationRule.Signal(operation, firing, totals, settings), cancellationToken);
                _open[operation] = firing;
            }
            else if (level is null && isOpen)
            {
                await raiser.ClearAsync(AlertRules.SlowOperation, SlowOperationRule.Labels(operation), cancellationToken);
                _open.Remove(operation);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow-operation alert evaluation failed ({ErrorType}); retrying on the next pass")]
    private static partial void LogEvaluationFailed(ILogger logger, string errorType);
}
