using System.Globalization;
using SyncMonitor.Api.Common.Localization;

namespace SyncMonitor.Api.Modules.Sync;

/// <summary>A run's message is stored once but read in many languages: the record keeps its parts as resource keys with
/// arguments (<c>message_parts</c>) next to <c>message</c> rendered in the default language (zh-CN), and every answer
/// renders the parts in the request's language. Text that comes from outside (a source's error, a guard's reason) is
/// an argument and is quoted as it came. The SPEC's own wording (<c>interrupted (lease expired)</c>) is stored as is.</summary>
public static class RunMessages
{
    public static LocalizedText Started => LocalizedText.Of("Run.Started");
    public static LocalizedText Succeeded => LocalizedText.Of("Run.Succeeded");

    public static LocalizedText Partial(long errors) => LocalizedText.Of("Run.Partial", errors);
    public static LocalizedText AllDatesFailed => LocalizedText.Of("Run.AllDatesFailed");
    public static LocalizedText FailedDates(IEnumerable<string> dates) => LocalizedText.Of("Run.FailedDates", string.Join(",", dates));
    public static LocalizedText CancelledBy(string user) => LocalizedText.Of("Run.CancelledBy", user);
    public static LocalizedText CancelledByElsewhere(string user) => LocalizedText.Of("Run.CancelledByElsewhere", user);
    public static LocalizedText CancelledThroughLock => LocalizedText.Of("Run.CancelledThroughLock");
    public static LocalizedText Stopping => LocalizedText.Of("Run.Stopping");
    public static LocalizedText LeaseLost => LocalizedText.Of("Run.LeaseLost");
    public static LocalizedText Unexpected(string errorType) => LocalizedText.Of("Run.Unexpected", errorType);
    public static LocalizedText CouldNotStart => LocalizedText.Of("Run.CouldNotStart");
    public static LocalizedText EndFailed => LocalizedText.Of("Run.EndFailed");
    public static LocalizedText Unwritten(long rows) => LocalizedText.Of("Run.Unwritten", rows);

    public static LocalizedText Held(string taskId, string rule, string reason) => LocalizedText.Of("Run.Held", rule, reason, taskId);

    /// <summary>Words that came from outside (a source's error), quoted as they are.</summary>
    public static LocalizedText Quoted(string text) => LocalizedText.Of("Run.Quoted", text);

    public static string Render(IReadOnlyList<LocalizedText> parts, CultureInfo culture) => LocalizedText.Join(parts, culture);

    /// <summary>The run with its message set from parts (and <c>message</c> in the default language).</summary>
    public static SyncStats WithMessage(this SyncStats run, params LocalizedText[] parts)
        => run with { MessageParts = parts, Message = Render(parts, LocalizationModule.DefaultCulture) };

    /// <summary>The run as a reader in <paramref name="culture"/> sees it. Parts are used only while <c>message</c> is still
    /// their default rendering: a message written as plain text later (crash recovery) wins over stale parts.</summary>
    public static SyncStats In(this SyncStats run, CultureInfo culture)
        => run.MessageParts is { Count: > 0 } ? run with { Message = LocalizedText.ForReader(run.Message, run.MessageParts, culture) } : run;

    /// <summary>In the request's language.</summary>
    public static SyncStats ForReader(this SyncStats run) => run.In(CultureInfo.CurrentUICulture);
}
