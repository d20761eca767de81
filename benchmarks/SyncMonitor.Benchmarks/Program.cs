using BenchmarkDotNet.Running;
using SyncMonitor.Benchmarks.OperationLogs;

namespace SyncMonitor.Benchmarks;

/// <summary>Load-test helpers are sub-commands (driven by the scripts in benchmarks/); anything else goes to
/// BenchmarkDotNet. Not top-level statements: that would name a second <c>Program</c> beside the app's.</summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "oplogs-serve" => await OperationLogBenchHost.ServeAsync(args[1..]),
        "oplogs-seed" => await OperationLogSeeder.SeedAsync(args[1..]),
        "changes-overhead" => await ChangeSetOverhead.RunAsync(args[1..]),
        "store-upserts" => await Upserts.StoreUpsertRace.RunAsync(args[1..]),
        "consistency-check" => await ConsistencyCheckTiming.RunAsync(args[1..]),
        _ => Run(args),
    };

    private static int Run(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
