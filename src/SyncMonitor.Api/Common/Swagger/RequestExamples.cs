namespace SyncMonitor.Api.Common.Swagger;

/// <summary>An example JSON body per operation that takes one, by operation id; the OpenAPI walk test
/// fails when an operation with a request body has none here.</summary>
internal static class RequestExamples
{
    public static readonly IReadOnlyDictionary<string, string> ById = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RunDailyBasicBatch"] = """{"start_date":"2026-11-02","end_date":"2026-11-06","preferred_sources":["tushare","akshare"]}""",
        ["CreateOperationLog"] = """{"action_type":"manual","action":"Exported report","details":{"rows":120},"success":true,"duration_ms":35}""",
        ["ClearOperationLogs"] = """{"days":90,"action_type":"manual"}""",
        ["CheckStockBasicsConsistency"] = """{"primary":"demo","secondary":"demo_alt","codes":["000001.SZ","600000.SH"]}""",
        ["ResolveConsistencyReport"] = """{"strategy":"primary","codes":["000001.SZ"]}""",
        ["RunCompensation"] = """{"start_date":"2026-11-02","end_date":"2026-11-06","batch_size":500,"max_tasks":5,"dry_run":true}""",
        ["RunIntegrityCheck"] = """{"type":"quick"}""",
    };
}
