using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SyncMonitor.Api.Common.Auth;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Metrics;

/// <summary>The real host plus one test endpoint whose route has an id, to see what the metrics make of it.
/// Like <see cref="TestEndpoints"/>, it is routed behind the app's own pipeline.</summary>
public class MetricsTestHost : SyncMonitorFactory
{
    public const string ItemTemplate = "/api/test/metrics/items/{id}";

    public MetricsTestHost() => WithServices(services => services.AddSingleton<IStartupFilter, Filter>());

    public static string Item(int id) => $"/api/test/metrics/items/{id}";

    /// <summary>The Prometheus text of <c>/metrics</c>.</summary>
    public async Task<string> ScrapeAsync(string? apiKey = null)
    {
        var response = await CreateClient(apiKey).GetAsync(Api.Modules.Metrics.MetricsApiPaths.Metrics);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Scrapes until <paramref name="condition"/> holds (background refreshes take a moment on a busy machine).</summary>
    public async Task<string> ScrapeUntilAsync(Func<string, bool> condition, string? apiKey = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var text = await ScrapeAsync(apiKey);
            if (condition(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(100);
        }
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.UseRouting();
            app.UseAuthorization();
            app.UseEndpoints(endpoints => endpoints
                .MapGet(ItemTemplate, (int id) => TypedResults.Ok(new { id }))
                .RequireAuthorization(Policies.Viewer));
        };
    }
}
