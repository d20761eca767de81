using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using SyncMonitor.Api.Modules.Metrics.Tracing;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;

namespace SyncMonitor.IntegrationTests.Metrics;

/// <summary>OpenTelemetry traces, read with the in-memory exporter next to the host's OTLP exporter (pointed at a
/// loopback port where nothing listens: its failed exports are the SDK's business and never the request's).</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task One_trace_runs_from_the_request_through_the_run_its_source_calls_and_store_batches_with_the_task_id()
    {
        var spans = new List<Activity>();
        using var host = new SyncMonitorFactory()
            .With(TracingModule.EndpointSetting, $"http://127.0.0.1:{FreePort.Next()}")
            .WithServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var client = host.CreateClient(TestApiKeys.Operator);

        var taskId = (await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId();
        await client.WaitForEndAsync(taskId);
        var recorded = await RecordedUntilRunSpanEndsAsync(host, spans, taskId);

        // Listeners are process-wide: other hosts of this test run may add their spans; ours are the run's trace.
        var run = recorded.Single(s => s.OperationName == "sync.run stock_basics" && s.GetTagItem(SyncMonitorTracing.TaskIdTag) as string == taskId);
        run.GetTagItem("syncmonitor.status").Should().Be("success");
        var request = recorded.Single(s => s.SpanId == run.ParentSpanId);
        request.Kind.Should().Be(ActivityKind.Server, "the run is a child of the request that started it");
        request.TraceId.Should().Be(run.TraceId);
        request.GetTagItem("url.path").Should().Be(Api.Modules.Sync.SyncApiPaths.StockBasicsRun);
        request.GetTagItem("http.request.method").Should().Be("POST");

        var trace = recorded.Where(s => s.TraceId == run.TraceId).ToList();
        var sourceCalls = trace.Where(s => s.OperationName == "source.demo.stock_list").ToList();
        var storeBatches = trace.Where(s => s.OperationName == "store.stock_basic_info.upsert").ToList();
        sourceCalls.Should().NotBeEmpty();
        storeBatches.Should().NotBeEmpty();
        foreach (var span in sourceCalls.Concat(storeBatches))
        {
            span.GetTagItem(SyncMonitorTracing.TaskIdTag).Should().Be(taskId, $"{span.OperationName} carries the task id");
        }

        sourceCalls[0].GetTagItem("syncmonitor.outcome").Should().Be("success");
        trace.Should().NotContain(s => s.Kind == ActivityKind.Server && s.SpanId != request.SpanId, "the run's trace starts at its one request");
    }

    [Fact]
    public async Task A_failed_source_call_and_run_are_marked_as_errors()
    {
        var spans = new List<Activity>();
        using var host = new SyncMonitorFactory()
            .With("Sources:demo:FailureRate", "1")
            .With(TracingModule.EndpointSetting, $"http://127.0.0.1:{FreePort.Next()}")
            .WithServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var client = host.CreateClient(TestApiKeys.Operator);

        var taskId = (await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId();
        await client.WaitForEndAsync(taskId);
        var recorded = await RecordedUntilRunSpanEndsAsync(host, spans, taskId);

        recorded.Single(s => s.OperationName == "sync.run stock_basics" && s.GetTagItem(SyncMonitorTracing.TaskIdTag) as string == taskId)
            .Status.Should().Be(ActivityStatusCode.Error);
        var call = recorded.First(s => s.OperationName == "source.demo.stock_list" && s.GetTagItem(SyncMonitorTracing.TaskIdTag) as string == taskId);
        call.Status.Should().Be(ActivityStatusCode.Error);
        call.GetTagItem("syncmonitor.outcome").Should().Be("injected");
    }

    /// <summary>The run span ends a moment after the run's record and lease (its method returns last): wait for it.</summary>
    private static async Task<Activity[]> RecordedUntilRunSpanEndsAsync(SyncMonitorFactory host, List<Activity> spans, string taskId)
    {
        await Eventually.HoldsAsync(() =>
        {
            host.Services.GetRequiredService<TracerProvider>().ForceFlush();
            lock (spans)
            {
                return spans.Any(s => s.OperationName.StartsWith("sync.run", StringComparison.Ordinal) && s.GetTagItem(SyncMonitorTracing.TaskIdTag) as string == taskId);
            }
        }, "the run span ends");
        lock (spans)
        {
            return [.. spans];
        }
    }

    [Fact]
    public void Without_an_OTLP_endpoint_no_tracer_provider_is_registered()
    {
        using var host = new SyncMonitorFactory();

        host.Services.GetService<TracerProvider>().Should().BeNull("tracing is off unless OTEL_EXPORTER_OTLP_ENDPOINT is set");
    }
}
