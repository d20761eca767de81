using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Notifications.Storage;

/// <summary>The filters and updates of <see cref="MongoNotificationStore"/>, kept apart so they can be rendered
/// and checked without a server. Every filter starts with the user id.</summary>
internal static class NotificationMongoQueries
{
    private static readonly FilterDefinitionBuilder<NotificationDocument> Filter = Builders<NotificationDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<NotificationDocument> Update = Builders<NotificationDocument>.Update;

    private static readonly string Unread = NotificationNames.Of(NotificationStatus.Unread);

    public static FilterDefinition<NotificationDocument> OfUser(string userId) => Filter.Eq(d => d.UserId, userId);

    public static FilterDefinition<NotificationDocument> Matching(string userId, NotificationQuery query)
    {
        var filter = OfUser(userId);
        if (query.Status is { } status)
        {
            filter &= Filter.Eq(d => d.Status, NotificationNames.Of(status));
        }

        if (query.Type is { } type)
        {
            filter &= Filter.Eq(d => d.Type, NotificationNames.Of(type));
        }

        return filter;
    }

    public static FilterDefinition<NotificationDocument> UnreadOf(string userId) => OfUser(userId) & Filter.Eq(d => d.Status, Unread);

    public static FilterDefinition<NotificationDocument> OwnById(string userId, string id) => OfUser(userId) & Filter.Eq(d => d.Id, id);

    public static FilterDefinition<NotificationDocument> ExpiredOf(string userId, DateTimeOffset retainedSince)
        => OfUser(userId) & Filter.Lt(d => d.CreatedAt, retainedSince.CeilingToMillisecond());

    public static FilterDefinition<NotificationDocument> Expired(DateTimeOffset retainedSince) => Filter.Lt(d => d.CreatedAt, retainedSince.CeilingToMillisecond());

    public static FilterDefinition<NotificationDocument> Ids(IEnumerable<string> ids) => Filter.In(d => d.Id, ids);

    public static UpdateDefinition<NotificationDocument> MarkRead(DateTimeOffset now)
        => Update.Set(d => d.Status, NotificationNames.Of(NotificationStatus.Read)).Set(d => d.ReadAt, now);

    public static SortDefinition<NotificationDocument> NewestFirst { get; } =
        Builders<NotificationDocument>.Sort.Descending(d => d.CreatedAt).Descending(d => d.Id);
}
