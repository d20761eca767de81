using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncMonitor.Api.Common.Storage.Sqlite;
using SyncMonitor.Api.Modules.Consistency.Compensation;
using SyncMonitor.IntegrationTests.Integrity;

namespace SyncMonitor.IntegrationTests.Compensation;

/// <summary>The compensation endpoints as an operator uses them, and the whole daily table for before/after checks.</summary>
internal static class CompensationApi
{
    public static Task<HttpResponseMessage> CompensateAsync(this HttpClient client, object request)
        => client.PostAsJsonAsync(CompensationApiPaths.Root, request);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls <c>GET /compensation/{id}</c> until its status is one of <paramref name="statuses"/>.</summary>
    public static async Task<JsonElement> WaitForStatusAsync(this HttpClient client, string id, params string[] statuses)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var view = await client.GetFromJsonAsync<JsonElement>(CompensationApiPaths.ItemFor(id));
            if (statuses.Contains(view.GetProperty("status").GetString()))
            {
                return view;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"compensation {id} did not reach {string.Join("/", statuses)}; last seen: {view}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Every row of <c>stock_daily_basic</c>, every column, in key order.</summary>
    public static async Task<List<string>> DailyTableAsync(this IntegrityHost host)
    {
        await using var connection = await host.Get<SqliteDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM stock_daily_basic ORDER BY code, trade_date, source;";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public static string KeyOf(string row) => string.Join('|', row.Split('|').Take(3));
}
