using MongoDB.Driver;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Notifications.Storage;

/// <summary>Notifications in MongoDB. The TTL index expires old ones in the background; the insert also
/// purges the user's expired ones and trims beyond the per-user maximum so both stores behave alike.</summary>
internal sealed class MongoNotificationStore(MongoDatabaseProvider mongo) : INotificationStore
{
    private IMongoCollection<NotificationDocument> Notifications => mongo.Collection<NotificationDocument>(NotificationsSchema.Collection);

    public async Task InsertAsync(Notification notification, NotificationLimits limits, CancellationToken cancellationToken)
    {
        await Notifications.InsertOneAsync(NotificationDocument.From(notification), cancellationToken: cancellationToken);
        await Notifications.DeleteManyAsync(NotificationMongoQueries.ExpiredOf(notification.UserId, limits.RetainedSince), cancellationToken);
        var beyondMaximum = await Notifications.Find(NotificationMongoQueries.OfUser(notification.UserId))
            .Sort(NotificationMongoQueries.NewestFirst)
            .Skip(limits.MaxPerUser)
            .Project(d => d.Id)
            .ToListAsync(cancellationToken);
        if (beyondMaximum.Count > 0)
        {
            await Notifications.DeleteManyAsync(NotificationMongoQueries.Ids(beyondMaximum), cancellationToken);
        }
    }

    public async Task<PagedResult<Notification>> ListAsync(string userId, NotificationQuery query, CancellationToken cancellationToken)
    {
        var filter = NotificationMongoQueries.Matching(userId, query);
        var items = await Notifications.Find(filter)
            .Sort(NotificationMongoQueries.NewestFirst)
            .Skip((query.Page - 1) * query.PageSize)
            .Limit(query.PageSize)
            .ToListAsync(cancellationToken);
        var total = await Notifications.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        return new PagedResult<Notification>(items.Select(d => d.ToNotification()).ToList(), total, query.Page, query.PageSize);
    }

    public Task<long> CountUnreadAsync(string userId, CancellationToken cancellationToken)
        => Notifications.CountDocumentsAsync(NotificationMongoQueries.UnreadOf(userId), cancellationToken: cancellationToken);

    public async Task<Notification?> MarkReadAsync(string userId, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await Notifications.FindOneAndUpdateAsync(
            NotificationMongoQueries.OwnById(userId, id) & NotificationMongoQueries.UnreadOf(userId),
            NotificationMongoQueries.MarkRead(now),
            new FindOneAndUpdateOptions<NotificationDocument> { ReturnDocument = ReturnDocument.After },
            cancellationToken);
        changed ??= await Notifications.Find(NotificationMongoQueries.OwnById(userId, id)).FirstOrDefaultAsync(cancellationToken);
        return changed?.ToNotification();
    }

    public async Task<long> MarkAllReadAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
        => (await Notifications.UpdateManyAsync(
            NotificationMongoQueries.UnreadOf(userId), NotificationMongoQueries.MarkRead(now), cancellationToken: cancellationToken)).ModifiedCount;

    public async Task<long> PurgeExpiredAsync(DateTimeOffset retainedSince, CancellationToken cancellationToken)
        => (await Notifications.DeleteManyAsync(NotificationMongoQueries.Expired(retainedSince), cancellationToken)).DeletedCount;
}
