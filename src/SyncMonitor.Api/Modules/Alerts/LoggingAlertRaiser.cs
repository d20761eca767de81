namespace SyncMonitor.Api.Modules.Alerts;

/// <summary>Placeholder until the alert store lands: alerts reach the log only.</summary>
internal sealed partial class LoggingAlertRaiser(ILogger<LoggingAlertRaiser> logger) : IAlertRaiser
{
    public Task FireAsync(AlertSignal signal, CancellationToken cancellationToken)
    {
        LogFired(logger, signal.Level, signal.Rule, signal.Title);
        return Task.CompletedTask;
    }

    public Task ClearAsync(string rule, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
        => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Level} {Rule}: {Title}")]
    private static partial void LogFired(ILogger logger, AlertLevel level, string rule, string title);
}
