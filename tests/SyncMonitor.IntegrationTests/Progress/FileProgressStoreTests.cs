using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyncMonitor.Api.Common.Configuration;
using SyncMonitor.Api.Modules.Progress;
using SyncMonitor.Api.Modules.Progress.Storage;

namespace SyncMonitor.IntegrationTests.Progress;

/// <summary>The fallback files on a real disk: atomic replacement, unreadable files, and the TTL cleanup.</summary>
public sealed class FileProgressStoreTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "syncmonitor-tests", "progress-files-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FileProgressStore _files;

    public FileProgressStoreTests()
    {
        _files = new FileProgressStore(
            Options.Create(new ServiceOptions { DataDirectory = _dataDirectory }),
            Options.Create(new ProgressOptions()),
            _time,
            NullLogger<FileProgressStore>.Instance);
    }

    private TaskProgressSnapshot Snapshot(string taskId, double percent)
        => new(taskId, "stock_basics", ProgressState.Running, percent, null, [], null, _time.GetUtcNow(), _time.GetUtcNow(), 0, null);

    [Fact]
    public async Task Each_write_replaces_the_whole_file_and_leaves_no_temporary_file_behind()
    {
        await Task.WhenAll(Enumerable.Range(1, 50).Select(i => _files.SaveAsync(Snapshot("t1", i), CancellationToken.None)));
        await _files.SaveAsync(Snapshot("t1", 99), CancellationToken.None);

        (await _files.ReadAsync("t1", CancellationToken.None))!.Progress.Should().Be(99);
        Directory.EnumerateFiles(_files.FolderPath).Select(Path.GetFileName).Should().Equal("t1.json");
    }

    [Fact]
    public async Task Readers_racing_a_writer_always_see_a_whole_snapshot()
    {
        await _files.SaveAsync(Snapshot("t1", 0), CancellationToken.None);
        var writer = Task.Run(async () =>
        {
            for (var i = 1; i <= 200; i++)
            {
                await _files.SaveAsync(Snapshot("t1", i / 2.0), CancellationToken.None);
            }
        });
        var reads = 0;
        while (!writer.IsCompleted)
        {
            (await _files.ReadAsync("t1", CancellationToken.None)).Should().NotBeNull("a rename never exposes a missing or partial file");
            reads++;
        }

        await writer;
        reads.Should().BePositive();
    }

    [Fact]
    public async Task An_unreadable_file_reads_as_no_snapshot_instead_of_an_error()
    {
        Directory.CreateDirectory(_files.FolderPath);
        await File.WriteAllTextAsync(_files.PathFor("broken"), "{\"task_id\": \"broken\", \"progr");

        (await _files.ReadAsync("broken", CancellationToken.None)).Should().BeNull();
        (await _files.ReadAsync("absent", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Files_older_than_the_ttl_are_removed_with_abandoned_temp_files_and_nothing_else()
    {
        await _files.SaveAsync(Snapshot("old", 10), CancellationToken.None);
        await _files.SaveAsync(Snapshot("fresh", 20), CancellationToken.None);
        var abandonedTemp = Path.Combine(_files.FolderPath, ".old.0123.tmp");
        var foreign = Path.Combine(_files.FolderPath, "notes.txt");
        await File.WriteAllTextAsync(abandonedTemp, "{");
        await File.WriteAllTextAsync(foreign, "keep me");
        var longAgo = _time.GetUtcNow().UtcDateTime - TimeSpan.FromHours(25);
        foreach (var path in new[] { _files.PathFor("old"), abandonedTemp, foreign })
        {
            File.SetLastWriteTimeUtc(path, longAgo);
        }

        _files.RemoveExpired().Should().Be(2);

        File.Exists(_files.PathFor("old")).Should().BeFalse();
        File.Exists(abandonedTemp).Should().BeFalse();
        File.Exists(_files.PathFor("fresh")).Should().BeTrue();
        File.Exists(foreign).Should().BeTrue();
    }

    [Fact]
    public void A_malformed_task_id_never_becomes_a_path()
    {
        var act = () => _files.PathFor("../../etc/passwd");
        act.Should().Throw<SyncMonitor.Api.Common.Errors.ValidationException>();
        _files.RemoveExpired().Should().Be(0, "a missing folder is nothing to clean");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
