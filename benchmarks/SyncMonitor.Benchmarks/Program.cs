using BenchmarkDotNet.Running;

namespace SyncMonitor.Benchmarks;

// dotnet run -c Release --project benchmarks/SyncMonitor.Benchmarks -- --filter '*' --job short
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
