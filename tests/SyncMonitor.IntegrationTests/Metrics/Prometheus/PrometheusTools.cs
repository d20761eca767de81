using System.Diagnostics;

namespace SyncMonitor.IntegrationTests.Metrics.Prometheus;

/// <summary>Debian's <c>prometheus</c> package (2.42: the server and <c>promtool</c>), which <c>./test.sh</c> installs,
/// and the shipped files under <c>deploy/</c> (copied next to the test assembly).</summary>
internal static class PrometheusTools
{
    public static string DeployDirectory => Path.Combine(AppContext.BaseDirectory, "deploy");

    public static string RulesFile => Path.Combine(DeployDirectory, "prometheus", "syncmonitor.rules.yml");

    public static string RulesTestFile => Path.Combine(DeployDirectory, "prometheus", "syncmonitor.rules.test.yml");

    public static string DashboardFile => Path.Combine(DeployDirectory, "grafana", "syncmonitor.json");

    public static string Executable(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Append("/usr/bin")
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} is not installed; ./test.sh installs it (apt-get install -y prometheus).");

    /// <summary>Runs promtool to its end (bounded) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> PromtoolAsync(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(Executable("promtool"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"promtool {string.Join(' ', args)} did not finish within 2 minutes");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
