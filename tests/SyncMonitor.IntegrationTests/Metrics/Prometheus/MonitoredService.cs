using System.Net.Http.Json;
using SyncMonitor.Api.Common.Health;
using SyncMonitor.Api.Modules.Consistency.Integrity;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Metrics.Prometheus;

/// <summary>A real SyncMonitor process whose demo source always fails (<c>Sources:demo:FailureRate=1</c>), scraped by
/// a real Prometheus that evaluates the shipped rules. Prometheus has scraped the service before the runs; then a
/// stock-basics run from <c>demo_alt</c> succeeds, one from <c>demo</c> fails, an integrity check runs, and
/// Prometheus scrapes the result: what the alert and dashboard tests look at.</summary>
public sealed class MonitoredService : IAsyncLifetime
{
    private const string FailedStockBasics = "syncmonitor_sync_runs_total{job=\"syncmonitor\",status=\"failed\",task_type=\"stock_basics\"}";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", Guid.NewGuid().ToString("N"));
    private ServiceProcess? _service;
    private PrometheusServer? _prometheus;

    internal PrometheusServer Prometheus => _prometheus ?? throw new InvalidOperationException("not started");

    public string FailedTaskId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        _service = ServiceProcess.Start([
            $"--DataDirectory={_dataDirectory}", $"--urls=http://127.0.0.1:{port}", "--Sources:demo:FailureRate=1",
            "--Scheduler:Enabled=false", "--Metrics:HealthRefreshSeconds=1", .. ServiceProcess.TestKeyArguments()]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Add("X-Api-Key", TestApiKeys.Operator);
        (await ServiceProcess.PollAsync(() => http.GetAsync(HealthApiPaths.Live))).EnsureSuccessStatusCode();

        _prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{port}", PrometheusTools.RulesFile);
        // Two scrapes at 0 first: the failure must be an increase Prometheus can see, as it will be in production.
        await Prometheus.UntilAsync(async () => (await Prometheus.QueryAsync($"count_over_time({FailedStockBasics}[1m]) >= 2")).GetArrayLength() == 1,
            "two scrapes of the service before the run");

        var succeeded = await http.WaitForEndAsync((await (await http.RunStockBasicsAsync("?preferred_sources=demo_alt")).AcceptedRunAsync()).TaskId());
        // demo fails (FailureRate=1), so the demo_alt run cannot fill its demo companion: a warning, not a failure.
        succeeded.GetProperty("status").GetString().Should().BeOneOf("success", "success_with_errors");
        FailedTaskId = (await (await http.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId();
        var run = await http.WaitForEndAsync(FailedTaskId);
        run.GetProperty("status").GetString().Should().Be("failed");
        (await http.PostAsJsonAsync(IntegrityApiPaths.Check, new { type = "quick" })).EnsureSuccessStatusCode();

        await Prometheus.UntilAsync(async () => (await Prometheus.QueryAsync(
                $"{FailedStockBasics} == 1 and on() count_over_time(syncmonitor_integrity_completion_rate{{type=\"quick\"}}[1m]) >= 2"
                + " and on() count_over_time(syncmonitor_health_status[1m]) >= 2")).GetArrayLength() == 1,
            "Prometheus to scrape the failed run and the integrity check");
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }

        _service?.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MonitoredServiceCollection : ICollectionFixture<MonitoredService>
{
    public const string Name = "prometheus";
}
