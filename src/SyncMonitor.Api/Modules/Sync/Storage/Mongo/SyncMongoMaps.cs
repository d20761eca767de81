using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Storage.Mongo;

/// <summary>BSON class maps of the Sync module's documents (snake_case names come from the shared conventions).</summary>
internal static class SyncMongoMaps
{
    public const string StockBasicInfo = "stock_basic_info";
    public const string StockDailyBasic = "stock_daily_basic";
    public const string TradeCalendar = "trade_calendar";
    public const string SyncStatus = "sync_status";
    public const string SyncLock = "sync_lock";

    /// <summary>One document per run, keyed by its task id.</summary>
    public static void Register() => MongoClassMaps.MapWithId<SyncStats, string>(run => run.TaskId);
}

/// <summary>The <c>sync_lock</c> document (one, with id <c>global</c>).</summary>
internal sealed class LeaseDocument
{
    public const string GlobalId = "global";

    public string Id { get; set; } = GlobalId;

    public string? OwnerToken { get; set; }

    public long FencingToken { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public CurrentTask? Task { get; set; }

    public bool CancelRequested { get; set; }

    /// <summary>When the current holder took the lease, by the server's clock.</summary>
    public DateTimeOffset? AcquiredAt { get; set; }

    /// <summary>The task of the holder whose expired lease the current holder took over (null when it was free).</summary>
    public CurrentTask? TakenOverTask { get; set; }

    public LeaseState ToState() => new(OwnerToken, FencingToken, ExpiresAt, Task, CancelRequested);
}

/// <summary>A <c>trade_calendar</c> document.</summary>
internal sealed class TradeDayDocument
{
    public string Exchange { get; set; } = string.Empty;

    public string CalDate { get; set; } = string.Empty;

    public bool IsOpen { get; set; }
}
