using System.ComponentModel.DataAnnotations;

namespace SyncMonitor.Api.Modules.Notifications;

public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Notifications older than this are deleted (Mongo TTL index; SQLite at insert and hourly).</summary>
    [Range(1, 3650, ErrorMessage = "Notifications:RetainDays must be between 1 and 3650.")]
    public int RetainDays { get; set; } = 90;

    /// <summary>Each user keeps at most this many; the oldest go when a new one is stored.</summary>
    [Range(1, 100_000, ErrorMessage = "Notifications:MaxPerUser must be between 1 and 100000.")]
    public int MaxPerUser { get; set; } = 1000;

    /// <summary>User ids told about every finished sync run, besides the user who started it.</summary>
    public string[] SyncRecipients { get; set; } = [];

    /// <summary>Each user's language for notifications (<c>zh-CN</c> or <c>en</c>), by user id; zh-CN when not listed.
    /// A notification is written once, in its recipient's language, which is stored with it (<c>metadata.language</c>).</summary>
    public Dictionary<string, string> Languages { get; set; } = new(StringComparer.Ordinal);

    public TimeSpan Retention => TimeSpan.FromDays(RetainDays);
}
