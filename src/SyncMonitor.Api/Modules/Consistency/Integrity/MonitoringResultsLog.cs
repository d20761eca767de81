using System.Text.Json;
using Microsoft.Extensions.Options;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Modules.Consistency.Integrity.Checks;

namespace SyncMonitor.Api.Modules.Consistency.Integrity;

/// <summary>Appends each check result as one JSON line to <c>{DataDirectory}/monitoring/monitoring_YYYYMMDD.jsonl</c>
/// (the date in Asia/Shanghai). Appends in this process are serialized by one gate; each line is written with a single
/// unbuffered append of the whole line, so a reader (or another process appending in O_APPEND mode) never sees half
/// a line, and a cancelled caller never leaves one.</summary>
internal sealed class MonitoringResultsLog(IOptions<ServiceOptions> service) : IDisposable
{
    public const string Folder = "monitoring";

    private readonly SemaphoreSlim _gate = new(1, 1);

    public string PathFor(DateTimeOffset at)
        => service.Value.DataPath(Folder, $"monitoring_{TradeDates.Format(IntegrityResultBuilder.ShanghaiDay(at))}.jsonl");

    public async Task AppendAsync<T>(T record, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(record, JsonSetup.Options);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        var path = PathFor(at);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            // Not cancellable once started: a line is written whole or not at all.
            await file.WriteAsync(line, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes the daily files of days before <paramref name="firstKeptDay"/> (Shanghai dates); returns how many.</summary>
    public int DeleteFilesBefore(DateOnly firstKeptDay)
    {
        var folder = service.Value.DataPath(Folder);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "monitoring_*.jsonl"))
        {
            var name = Path.GetFileNameWithoutExtension(file)["monitoring_".Length..];
            if (TradeDates.TryParse(name, out var day) && day < firstKeptDay)
            {
                File.Delete(file);
                deleted++;
            }
        }

        return deleted;
    }

    public void Dispose() => _gate.Dispose();
}
