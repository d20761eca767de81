using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SyncMonitor.Api.Modules.Sync.Changes;
using SyncMonitor.Api.Modules.Sync.Sources.Demo;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Sync.Changes;

/// <summary>A host whose <c>csv</c> source reads a file the test rewrites between runs (a slice of the demo universe),
/// and a reader of the whole <c>stock_basic_info</c> table as text, to compare it before and after.</summary>
internal sealed class ChangesHost : IDisposable
{
    private readonly string _csv;
    private int _version;

    public ChangesHost(Func<SyncMonitorFactory, SyncMonitorFactory>? configure = null)
    {
        var factory = new SyncMonitorFactory();
        _csv = Path.Combine(factory.DataDirectory, "universe.csv");
        WriteCsv(200);
        Factory = (configure ?? (f => f))(factory.With("Sources:csv:FilePath", _csv));
        Operator = Factory.CreateClient(TestApiKeys.Operator);
        Viewer = Factory.CreateClient(TestApiKeys.Viewer);
    }

    public SyncMonitorFactory Factory { get; }

    public HttpClient Operator { get; }

    public HttpClient Viewer { get; }

    /// <summary>Writes the first <paramref name="count"/> demo stocks as the csv source's file; <paramref name="mvFactor"/>
    /// scales market values (1e8: 元 where 亿元 is meant), <paramref name="closeFactor"/> moves prices.</summary>
    public void WriteCsv(int count, double mvFactor = 1, double closeFactor = 1)
    {
        var text = new StringBuilder("code,name,area,industry,market,list_date,close,pe,pb,total_share,float_share,total_mv,circ_mv,trade_date\n");
        foreach (var (listing, index) in DemoUniverse.Listings.Take(count).Select((l, i) => (l, i)))
        {
            var close = Math.Round(listing.BaseClose * closeFactor, 2);
            var mv = close * listing.TotalShare / 1e4 * mvFactor;
            text.Append(CultureInfo.InvariantCulture, $"{listing.Code.FullSymbol},{listing.Name},{listing.Area},{listing.Industry},{listing.Code.Board},")
                .Append(CultureInfo.InvariantCulture, $"{listing.ListDate},{close},{Math.Round(1 / listing.BaseEarningsYield, 2)},{Math.Round(listing.BaseBookRatio, 3)},")
                .Append(CultureInfo.InvariantCulture, $"{listing.TotalShare},{listing.FloatShare},{mv},{close * listing.FloatShare / 1e4 * mvFactor},20261124\n");
        }

        File.WriteAllText(_csv, text.ToString());
        File.SetLastWriteTimeUtc(_csv, DateTime.UtcNow.AddSeconds(++_version)); // the source reads a changed file again
    }

    public async Task<JsonElement> RunCsvAsync(string query = "")
        => await Operator.WaitForEndAsync((await (await Operator.RunStockBasicsAsync("?preferred_sources=csv" + query)).AcceptedRunAsync()).TaskId());

    public async Task<JsonElement> ChangesAsync(string taskId, string query = "")
        => (await Viewer.GetFromJsonAsync<JsonElement>(ChangeApiPaths.ChangesFor(taskId) + query)).GetProperty("data");

    /// <summary>Every row of <c>stock_basic_info</c>, every column, in key order: the table byte for byte.</summary>
    public IReadOnlyList<string> Table()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Factory.DataDirectory, "syncmonitor.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM stock_basic_info ORDER BY code, source;";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i)
                ? "∅"
                : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) + ":" + reader.GetDataTypeName(i))));
        }

        return rows;
    }

    public void Dispose() => Factory.Dispose();
}
