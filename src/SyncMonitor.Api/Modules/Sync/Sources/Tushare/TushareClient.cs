using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace SyncMonitor.Api.Modules.Sync.Sources.Tushare;

/// <summary>Tushare Pro's HTTP protocol: <c>POST {BaseUrl}</c> with <c>{api_name, token, params, fields}</c>,
/// pages followed through <c>has_more</c> with <c>limit</c>/<c>offset</c>. Transient HTTP failures are retried by
/// the client's resilience handler; a per-minute limit (40203 <c>每分钟最多访问…</c>) is retried here after a short
/// back-off, then given up; a bad token (40101), a missing permission or an hourly/daily quota is never retried.</summary>
internal sealed class TushareClient
{
    private const int MaxPages = 1000;

    private readonly IHttpClientFactory _http;
    private readonly TushareOptions _options;
    private readonly ResiliencePipeline _rateLimitBackoff;

    public TushareClient(IHttpClientFactory http, IOptions<TushareOptions> options, TimeProvider time)
    {
        _http = http;
        _options = options.Value;
        _rateLimitBackoff = _options.RateLimitRetries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = time }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<TushareApiException>(e => e.IsPerMinuteLimit),
                    MaxRetryAttempts = _options.RateLimitRetries,
                    Delay = TimeSpan.FromSeconds(_options.RateLimitBackoffSeconds),
                    BackoffType = DelayBackoffType.Constant,
                    UseJitter = true,
                })
                .Build();
    }

    public async Task<TushareTable> QueryAsync(string api, IReadOnlyDictionary<string, object> parameters, string fields,
        IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var rows = new List<JsonElement[]>();
        IReadOnlyList<string>? names = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var pageParameters = new Dictionary<string, object>(parameters) { ["limit"] = _options.PageSize, ["offset"] = rows.Count };
            var data = await _rateLimitBackoff.ExecuteAsync(
                async token => await PostAsync(new TushareRequest(api, _options.Token ?? string.Empty, pageParameters, fields), token),
                cancellationToken);
            names ??= data.Fields ?? throw new JsonException($"{api} response has no data.fields");
            var items = data.Items ?? [];
            rows.AddRange(items);
            progress?.Report(data.HasMore ? Math.Min(0.9, (page + 1) * 0.1) : 1.0);
            if (!data.HasMore || items.Length == 0)
            {
                return new TushareTable(names, rows);
            }
        }

        throw new JsonException($"{api} kept answering has_more after {MaxPages} pages");
    }

    private async Task<TushareData> PostAsync(TushareRequest request, CancellationToken cancellationToken)
    {
        var client = _http.CreateClient(SourceNames.Tushare);
        using var response = await client.PostAsJsonAsync(new Uri(_options.BaseUrl), request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TushareResponse>(cancellationToken)
            ?? throw new JsonException("empty response");
        if (body.Code != 0)
        {
            throw new TushareApiException(body.Code, body.Msg ?? string.Empty);
        }

        return body.Data ?? throw new JsonException($"{request.ApiName} response has code 0 but no data");
    }

    /// <summary>A class, not a record: a record's generated ToString would print the token.</summary>
    private sealed class TushareRequest(string apiName, string token, IReadOnlyDictionary<string, object> parameters, string fields)
    {
        [JsonPropertyName("api_name")]
        public string ApiName { get; } = apiName;

        [JsonPropertyName("token")]
        public string Token { get; } = token;

        [JsonPropertyName("params")]
        public IReadOnlyDictionary<string, object> Params { get; } = parameters;

        [JsonPropertyName("fields")]
        public string Fields { get; } = fields;
    }
}
