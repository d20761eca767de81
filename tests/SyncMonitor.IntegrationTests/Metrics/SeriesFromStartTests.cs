using SyncMonitor.Api.Modules.Metrics;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Metrics;

/// <summary>A fresh host, scraped before anything happened: every documented counter already exists at 0 with its
/// known label values, so an <c>increase()</c> alert sees the first skip, drop, failure or fallback.</summary>
public sealed class SeriesFromStartTests : IClassFixture<SyncMonitorFactory>
{
    private static readonly string[] TaskTypes = ["stock_basics", "web_batch", "scheduler_daily", "scheduler_missing", "compensation"];
    private static readonly string[] EndedStatuses = ["success", "success_with_errors", "failed", "cancelled"];
    private static readonly string[] SourceOutcomes = ["success", "cancelled", "unauthorized", "rate_limited", "unreachable", "bad_response", "not_supported", "injected"];

    private readonly Lazy<Task<Dictionary<string, double>>> _fresh;

    public SeriesFromStartTests(SyncMonitorFactory host)
        // The first request the host ever serves is this scrape.
        => _fresh = new(async () => PrometheusText.Parse(await host.CreateClient().GetStringAsync(MetricsApiPaths.Metrics)));

    [Fact]
    public async Task Sync_runs_rows_and_lock_contention_exist_at_zero_for_every_known_label()
    {
        var samples = await _fresh.Value;

        foreach (var type in TaskTypes)
        {
            foreach (var status in EndedStatuses)
            {
                ExpectZero(samples, $"syncmonitor_sync_runs_total{{status=\"{status}\",task_type=\"{type}\"}}");
            }
        }

        foreach (var table in new[] { "stock_basic_info", "stock_daily_basic" })
        {
            foreach (var result in new[] { "inserted", "updated", "error" })
            {
                ExpectZero(samples, $"syncmonitor_sync_rows_written_total{{result=\"{result}\",table=\"{table}\"}}");
            }
        }

        ExpectZero(samples, "syncmonitor_sync_lock_skips_total{task_type=\"scheduler_daily\"}");
        ExpectZero(samples, "syncmonitor_sync_lock_skips_total{task_type=\"scheduler_missing\"}");
        samples.Matching("syncmonitor_sync_lock_skips_total").Should().HaveCount(2, "only scheduled runs are skipped; others get a 409");
        ExpectZero(samples, "syncmonitor_sync_lock_conflicts_total{task_type=\"stock_basics\"}");
        ExpectZero(samples, "syncmonitor_sync_lock_conflicts_total{task_type=\"compensation\"}");
        ExpectZero(samples, "syncmonitor_sync_lock_acquire_seconds_count{acquired=\"false\"}");
    }

    [Fact]
    public async Task Calls_of_every_enabled_source_exist_at_zero_and_the_source_counts_as_available()
    {
        var samples = await _fresh.Value;

        foreach (var source in new[] { "demo", "demo_alt" })
        {
            foreach (var api in new[] { "stock_list", "daily_basic", "trade_calendar" })
            {
                foreach (var outcome in SourceOutcomes)
                {
                    ExpectZero(samples, $"syncmonitor_source_requests_total{{api=\"{api}\",outcome=\"{outcome}\",source=\"{source}\"}}");
                }

                ExpectZero(samples, $"syncmonitor_source_request_duration_seconds_count{{api=\"{api}\",outcome=\"success\",source=\"{source}\"}}");
            }

            samples.Should().Contain($"syncmonitor_source_available{{source=\"{source}\"}}", 1);
        }

        // Not configured: never called, so neither counted nor reported down.
        samples.Keys.Should().NotContain(k => k.Contains("source=\"tushare\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Progress_fallback_op_log_drops_alert_firings_checks_jobs_and_caches_exist_at_zero()
    {
        var samples = await _fresh.Value;

        ExpectZero(samples, "syncmonitor_progress_redis_fallback_total");
        ExpectZero(samples, "syncmonitor_progress_writes_total{outcome=\"error\",store=\"file\"}");
        ExpectZero(samples, "syncmonitor_progress_writes_total{outcome=\"unavailable\",store=\"redis\"}");
        ExpectZero(samples, "syncmonitor_oplog_dropped_total");
        ExpectZero(samples, "syncmonitor_oplog_written_total");
        ExpectZero(samples, "syncmonitor_oplog_write_failures_total");
        ExpectZero(samples, "syncmonitor_oplog_queue_depth");
        foreach (var rule in new[] { "sync_failed", "source_unavailable", "integrity_level", "operation_log_drops", "slow_operation", "consistency_confidence" })
        {
            ExpectZero(samples, $"syncmonitor_alerts_fired_total{{level=\"critical\",rule=\"{rule}\"}}");
        }

        ExpectZero(samples, "syncmonitor_alerts_firing{level=\"high\"}");
        foreach (var type in new[] { "quick", "full", "deep" })
        {
            ExpectZero(samples, $"syncmonitor_integrity_checks_total{{health=\"unhealthy\",type=\"{type}\"}}");
        }

        foreach (var job in new[] { "scheduler_daily", "scheduler_missing", "integrity_quick", "oplog_retention" })
        {
            ExpectZero(samples, $"syncmonitor_scheduler_job_runs_total{{job=\"{job}\",outcome=\"failed\"}}");
            ExpectZero(samples, $"syncmonitor_scheduler_job_duration_seconds_count{{job=\"{job}\",outcome=\"success\"}}");
        }

        ExpectZero(samples, "syncmonitor_cache_requests_total{cache=\"stocks_list\",level=\"l1\",result=\"hit\"}");
        ExpectZero(samples, "syncmonitor_cache_loads_total{cache=\"stock_detail\"}");
    }

    private static void ExpectZero(Dictionary<string, double> samples, string series)
        => samples.Should().Contain(series, 0, $"{series} exists from the start at zero");
}
