namespace SyncMonitor.Benchmarks.OperationLogs;

/// <summary><c>--name value</c> pairs of a sub-command.</summary>
internal sealed class BenchArguments(string[] args)
{
    public string Get(string name, string fallback)
    {
        var index = Array.IndexOf(args, "--" + name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    public int GetInt(string name, int fallback)
        => int.Parse(Get(name, fallback.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);
}
