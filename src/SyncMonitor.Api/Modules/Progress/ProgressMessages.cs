using System.Globalization;
using SyncMonitor.Api.Common.Localization;

namespace SyncMonitor.Api.Modules.Progress;

/// <summary>A progress message is stored once, in the default language (zh-CN), with its parts (resource keys with
/// arguments) next to it; each reader gets it rendered in their language. Parts are used only while the message is
/// still their default rendering, so a message written later as plain text, or stored before parts existed, reads
/// as stored. SignalR pushes the stored snapshot: the default language, with the parts for a client that renders.</summary>
public static class ProgressMessages
{
    public static LocalizedText FetchingList => LocalizedText.Of("Progress.FetchingList");
    public static LocalizedText Normalizing => LocalizedText.Of("Progress.Normalizing");
    public static LocalizedText Writing(int rows) => LocalizedText.Of("Progress.Writing", rows);
    public static LocalizedText Summarizing => LocalizedText.Of("Progress.Summarizing");
    public static LocalizedText FetchingCalendar => LocalizedText.Of("Progress.FetchingCalendar");
    public static LocalizedText TradingDays(int days) => LocalizedText.Of("Progress.TradingDays", days);
    public static LocalizedText Approving(string taskId) => LocalizedText.Of("Progress.Approving", taskId);
    public static LocalizedText WritingStaged(int rows) => LocalizedText.Of("Progress.WritingStaged", rows);
    public static LocalizedText RowsToRemove(long rows) => LocalizedText.Of("Progress.RowsToRemove", rows);

    public static string Render(IReadOnlyList<LocalizedText> parts, CultureInfo culture) => LocalizedText.Join(parts, culture);

    /// <summary>The snapshot as a reader in <paramref name="culture"/> sees it.</summary>
    public static TaskProgressSnapshot In(TaskProgressSnapshot snapshot, CultureInfo culture)
        => snapshot.MessageParts is { Count: > 0 }
            ? snapshot with { Message = LocalizedText.ForReader(snapshot.Message, snapshot.MessageParts, culture) }
            : snapshot;
}
