using System.Text.Json;
using SyncMonitor.Api.Modules.OperationLogs;
using SyncMonitor.IntegrationTests.Infrastructure;
using SyncMonitor.IntegrationTests.Sync;
using static SyncMonitor.IntegrationTests.Foundation.Language.LanguageProbe;

namespace SyncMonitor.IntegrationTests.Foundation.Language;

/// <summary>The op-log keeps the stable action code in <c>action</c> and shows people <c>action_name</c> in their
/// language; the CSV export is Chinese throughout, as its header is.</summary>
public sealed class OperationLogLanguageTests
{
    private const string Code = "Run stock-basics sync";

    [Fact]
    public async Task An_audited_action_has_a_name_in_the_readers_language_next_to_its_code()
    {
        using var host = new SyncMonitorFactory();
        var client = host.CreateClient(TestApiKeys.Admin);
        await client.WaitForEndAsync((await (await client.RunStockBasicsAsync()).AcceptedRunAsync()).TaskId());
        JsonElement zh = default;
        await Eventually.HoldsAsync(async () =>
        {
            (zh, _) = await GetAsync(client, OperationLogApiPaths.List + "?action_type=sync", null);
            return zh.GetProperty("items").GetArrayLength() > 0;
        }, "the run request is in the op-log");

        var (en, _) = await GetAsync(client, OperationLogApiPaths.List + "?action_type=sync", "en");
        var csv = await client.GetStringAsync(OperationLogApiPaths.ExportCsv + "?action_type=sync");

        var chinese = zh.GetProperty("items")[0];
        var english = en.GetProperty("items")[0];
        chinese.GetProperty("action").GetString().Should().Be(Code, "the code stays as it is");
        chinese.GetProperty("action_name").GetString().Should().Be("运行股票基础信息同步");
        english.GetProperty("action").GetString().Should().Be(Code);
        english.GetProperty("action_name").GetString().Should().Be(Code);
        Text(en).Should().NotMatchRegex(Cjk);
        csv.Should().Contain(",运行股票基础信息同步,").And.NotContain(Code);
    }
}
