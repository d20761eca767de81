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

    public static Task PollAsync(Func<bool> condition, Action? tick = null)
        => Eventually.HoldsAsync(condition, "the condition holds", tick: tick);
}
