using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.Api.Modules.OperationLogs.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.OperationLogs;

/// <summary>Reads what the host has stored, polling with a generous deadline: entries are written in the
/// background, a moment after the response.</summary>
internal static class OperationLogProbe
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static IOperationLogStore Store(this SyncMonitorFactory host) => host.Services.GetRequiredService<IOperationLogStore>();

    public static async Task<List<OperationLog>> AllAsync(this SyncMonitorFactory host, OperationLogFilter? filter = null)
    {
        var entries = new List<OperationLog>();
        for (var page = 1; ; page++)
        {
            var result = await host.Store().ListAsync(filter ?? OperationLogFilter.All, page, 200, CancellationToken.None);
            entries.AddRange(result.Items);
            if (result.Items.Count < 200)
            {
                return entries;
            }
        }
    }

    /// <summary>The entries recorded for requests that sent <c>X-Session-Id: <paramref name="session"/></c>,
    /// once at least <paramref name="count"/> are stored.</summary>
    public static async Task<List<OperationLog>> WaitForSessionAsync(this SyncMonitorFactory host, string session, int count = 1)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            var entries = (await host.AllAsync()).Where(e => e.SessionId == session).ToList();
            if (entries.Count >= count || DateTime.UtcNow - started > Deadline)
            {
                entries.Should().HaveCountGreaterThanOrEqualTo(count, $"{count} entries of session {session} should be stored");
                return entries;
            }

            await Task.Delay(50);
        }
    }

    public static HttpClient CreateSessionClient(this SyncMonitorFactory host, string? apiKey, string session)
    {
        var client = host.CreateClient(apiKey);
        client.DefaultRequestHeaders.Add("X-Session-Id", session);
        return client;
    }

    public static string NewSession() => "s-" + Guid.NewGuid().ToString("N");
}
