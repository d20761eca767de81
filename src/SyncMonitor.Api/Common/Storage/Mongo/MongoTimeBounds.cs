namespace SyncMonitor.Api.Common.Storage.Mongo;

/// <summary>BSON dates hold whole milliseconds and the driver truncates a bound's sub-millisecond part, so
/// <c>timestamp &lt; T+2h+1 tick</c> would render as <c>$lt: T+2h</c> and keep a row stored at T+2h that SQLite (full
/// precision) removes. Rounding inclusive lower bounds (<c>$gte</c>) and exclusive upper bounds (<c>$lt</c>) up to the next
/// millisecond selects exactly the stored (whole-millisecond) times that the full-precision comparison selects.
/// Exclusive lower (<c>$gt</c>) and inclusive upper (<c>$lte</c>) bounds are already right when truncated.</summary>
public static class MongoTimeBounds
{
    public static DateTimeOffset CeilingToMillisecond(this DateTimeOffset value)
    {
        var remainder = value.UtcTicks % TimeSpan.TicksPerMillisecond;
        return remainder == 0 ? value : value.AddTicks(TimeSpan.TicksPerMillisecond - remainder);
    }

    /// <summary>The bound of a <c>$gte</c> or <c>$lt</c> on a BSON date, as the UTC <see cref="DateTime"/> the driver renders.</summary>
    public static DateTime CeilingUtc(DateTimeOffset value) => value.CeilingToMillisecond().UtcDateTime;
}
