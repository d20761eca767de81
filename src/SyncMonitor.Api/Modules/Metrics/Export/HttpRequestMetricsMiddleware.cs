using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Prometheus;

namespace SyncMonitor.Api.Modules.Metrics.Export;

/// <summary>Times every HTTP request once and reports it twice: to Prometheus
/// (<c>http_requests_received_total</c>, <c>http_request_duration_seconds</c> by <c>method</c>, <c>route</c>,
/// <c>code</c>) and to the performance monitor as operation <c>http.{METHOD} {route}</c>. The route is the
/// endpoint's template (<c>/api/system/logs/{id}</c>), never the raw path; a request that matched no endpoint
/// is <c>unmatched</c>. Placed outermost so the code is the one the client got, after error handling.</summary>
internal sealed class HttpRequestMetricsMiddleware(
    RequestDelegate next,
    IMetricFactory factory,
    IOperationTimings timings,
    TimeProvider time)
{
    public const string Unmatched = "unmatched";

    private static readonly string[] LabelNames = ["method", "route", "code"];

    private readonly Counter _requests = factory.CreateCounter(
        "http_requests_received_total", "HTTP requests by method, route template and status code.", LabelNames);

    private readonly Histogram _duration = factory.CreateHistogram(
        "http_request_duration_seconds",
        "HTTP request duration by method, route template and status code.",
        LabelNames,
        new HistogramConfiguration { Buckets = DurationBuckets.Seconds });

    // Bounded: (known methods + OTHER) × (route templates + unmatched).
    private readonly ConcurrentDictionary<(string Method, string Route), string> _operationNames = new();

    public async Task InvokeAsync(HttpContext context)
    {
        // Routing already ran (WebApplication puts it first); capture now: error handling clears the endpoint.
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<HubMetadata>() is not null)
        {
            await next(context); // a SignalR connection lives for minutes: not a request duration
            return;
        }

        var started = time.GetTimestamp();
        var threw = true;
        try
        {
            await next(context);
            threw = false;
        }
        finally
        {
            var elapsed = time.GetElapsedTime(started);
            // An endpoint routed further down the pipeline (a nested UseRouting) is only known afterwards.
            var route = RouteOf(endpoint ?? context.GetEndpoint());
            var method = MethodOf(context.Request.Method);
            var code = threw && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            var codeLabel = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _requests.WithLabels(method, route, codeLabel).Inc();
            _duration.WithLabels(method, route, codeLabel).Observe(elapsed.TotalSeconds);
            // 4xx is the caller's mistake, not a failure of the operation.
            timings.Record(OperationName(method, route), elapsed, success: !threw && code < StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>Performance-monitor operation of an HTTP endpoint, e.g. <c>http.GET /api/system/logs/{id}</c>.</summary>
    public static string OperationOf(string method, string route) => $"http.{method} {route}";

    private string OperationName(string method, string route)
        => _operationNames.GetOrAdd((method, route), static key => OperationOf(key.Method, key.Route));

    private static string RouteOf(Endpoint? endpoint)
    {
        var template = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        return template is null ? Unmatched : template.StartsWith('/') ? template : "/" + template;
    }

    /// <summary>Known methods keep their name; anything else is OTHER, so a client cannot mint label values.</summary>
    private static string MethodOf(string method)
    {
        var canonical = HttpMethods.GetCanonicalizedValue(method);
        return IsKnown(canonical) ? canonical : "OTHER";
    }

    private static bool IsKnown(string method)
        => HttpMethods.IsGet(method) || HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method)
            || HttpMethods.IsPatch(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
