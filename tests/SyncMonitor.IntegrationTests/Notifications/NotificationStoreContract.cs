using SyncMonitor.Api.Common.Storage;
using SyncMonitor.Api.Modules.Notifications;
using SyncMonitor.Api.Modules.Notifications.Storage;
using SyncMonitor.IntegrationTests.Infrastructure;

namespace SyncMonitor.IntegrationTests.Notifications;

/// <summary>The notification store's contract, for every provider.</summary>
public abstract class NotificationStoreContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly NotificationLimits Generous = new(1000, T0.AddDays(-90));

    private Task<StoreHarness> StoreAsync() => HarnessAsync(services => services.AddNotificationStorage());

    private static Notification Make(string userId, DateTimeOffset createdAt, NotificationType type = NotificationType.System, string title = "t")
        => new()
        {
            Id = MongoDB.Bson.ObjectId.GenerateNewId().ToString(),
            UserId = userId,
            Type = type,
            Title = title,
            Content = "内容 content",
            Severity = NotificationSeverities.Info,
            Link = "/api/sync/tasks/t1/progress",
            Source = "test",
            Status = NotificationStatus.Unread,
            CreatedAt = createdAt,
            Metadata = new Dictionary<string, string> { ["task_id"] = "t1" },
        };

    private static NotificationQuery All(int page = 1, int pageSize = 50) => new(null, null, page, pageSize);

    [SkippableFact]
    public async Task A_user_lists_only_their_own_notifications_newest_first_with_the_total()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<INotificationStore>();
        var older = Make("alice", T0, title: "older");
        var newer = Make("alice", T0.AddMinutes(1), title: "newer");
        var sameInstant = Make("alice", T0.AddMinutes(1), title: "same instant, inserted later");
        foreach (var n in new[] { older, newer, sameInstant, Make("bob", T0.AddMinutes(2)) })
        {
            await store.InsertAsync(n, Generous, CancellationToken.None);
        }

        var page = await store.ListAsync("alice", All(), CancellationToken.None);

        page.Items.Select(n => n.Id).Should().Equal(sameInstant.Id, newer.Id, older.Id);
        page.Total.Should().Be(3);
        page.Items[2].Should().BeEquivalentTo(older);
    }

    [SkippableFact]
    public async Task Filters_by_status_and_type_and_pages()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<INotificationStore>();
        for (var i = 0; i < 5; i++)
        {
            await store.InsertAsync(Make("alice", T0.AddMinutes(i), i % 2 == 0 ? NotificationType.Sync : NotificationType.Alert), Generous, CancellationToken.None);
        }

        var firstSync = (await store.ListAsync("alice", new NotificationQuery(null, NotificationType.Sync, 1, 50), CancellationToken.None)).Items[0];
        await store.MarkReadAsync("alice", firstSync.Id, T0.AddHours(1), CancellationToken.None);

        var syncs = await store.ListAsync("alice", new NotificationQuery(null, NotificationType.Sync, 1, 50), CancellationToken.None);
        var unreadSyncs = await store.ListAsync("alice", new NotificationQuery(NotificationStatus.Unread, NotificationType.Sync, 1, 50), CancellationToken.None);
        var secondPage = await store.ListAsync("alice", All(page: 2, pageSize: 2), CancellationToken.None);
        var beyond = await store.ListAsync("alice", All(page: 4, pageSize: 2), CancellationToken.None);

        syncs.Total.Should().Be(3);
        unreadSyncs.Total.Should().Be(2);
        unreadSyncs.Items.Should().NotContain(n => n.Id == firstSync.Id);
        secondPage.Items.Select(n => n.CreatedAt).Should().Equal(T0.AddMinutes(2), T0.AddMinutes(1));
        secondPage.Should().Match<SyncMonitor.Api.Common.Http.PagedResult<Notification>>(p => p.Total == 5 && p.Page == 2 && p.PageSize == 2);
        beyond.Items.Should().BeEmpty();
        beyond.Total.Should().Be(5);
    }

    [SkippableFact]
    public async Task Reading_is_scoped_to_the_user_and_keeps_the_first_read_time()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<INotificationStore>();
        var mine = Make("alice", T0);
        await store.InsertAsync(mine, Generous, CancellationToken.None);
        await store.InsertAsync(Make("alice", T0), Generous, CancellationToken.None);

        var byOther = await store.MarkReadAsync("bob", mine.Id, T0.AddMinutes(1), CancellationToken.None);
        var unreadBefore = await store.CountUnreadAsync("alice", CancellationToken.None);
        var read = await store.MarkReadAsync("alice", mine.Id, T0.AddMinutes(2), CancellationToken.None);
        var readAgain = await store.MarkReadAsync("alice", mine.Id, T0.AddMinutes(3), CancellationToken.None);
        var unknown = await store.MarkReadAsync("alice", "000000000000000000000000", T0, CancellationToken.None);

        byOther.Should().BeNull();
        unreadBefore.Should().Be(2);
        read!.Status.Should().Be(NotificationStatus.Read);
        read.ReadAt.Should().Be(T0.AddMinutes(2));
        readAgain!.ReadAt.Should().Be(T0.AddMinutes(2));
        unknown.Should().BeNull();
        (await store.CountUnreadAsync("alice", CancellationToken.None)).Should().Be(1);
        (await store.CountUnreadAsync("bob", CancellationToken.None)).Should().Be(0);
    }

    [SkippableFact]
    public async Task Read_all_marks_only_the_users_unread_ones_and_says_how_many_changed()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<INotificationStore>();
        var read = Make("alice", T0);
        await store.InsertAsync(read, Generous, CancellationToken.None);
        await store.MarkReadAsync("alice", read.Id, T0, CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await store.InsertAsync(Make("alice", T0), Generous, CancellationToken.None);
        }

        await store.InsertAsync(Make("bob", T0), Generous, CancellationToken.None);

        (await store.MarkAllReadAsync("alice", T0.AddMinutes(1), CancellationToken.None)).Should().Be(3);
        (await store.MarkAllReadAsync("alice", T0.AddMinutes(2), CancellationToken.None)).Should().Be(0);
        (await store.CountUnreadAsync("alice", CancellationToken.None)).Should().Be(0);
        (await store.CountUnreadAsync("bob", CancellationToken.None)).Should().Be(1);
    }

    [SkippableFact]
    public async Task An_insert_trims_the_users_oldest_beyond_the_maximum_and_leaves_other_users_alone()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<INotificationStore>();
        var limits = new NotificationLimits(3, T0.AddDays(-90));
        await store.InsertAsync(Make("bob", T0.AddMinutes(-1)), limits, CancellationToken.None);
        var inserted = new List<Notification>();
        for (var i = 0; i < 5; i++)
        {
            var n = Make("alice", T0.AddMinutes(i / 2));
            inserted.Add(n);
            await store.InsertAsync(n, limits, CancellationToken.None);
        }

        var kept = await store.ListAsync("alice", All(), CancellationToken.None);

        kept.Items.Select(n => n.Id).Should().Equal(inserted[4].Id, inserted[3].Id, inserted[2].Id);
        (await store.ListAsync("bob", All(), CancellationToken.None)).Total.Should().Be(1);
    }

    [SkippableFact]
    public async Task Expired_notifications_are_purged_at_insert_for_the_user_and_for_everyone_by_the_purge()
    {
        await using var harness = await StoreAsync();
        var store = harness.Get<INotificationStore>();
        await store.InsertAsync(Make("alice", T0.AddDays(-100)), Generous with { RetainedSince = T0.AddDays(-200) }, CancellationToken.None);
        await store.InsertAsync(Make("bob", T0.AddDays(-100)), Generous with { RetainedSince = T0.AddDays(-200) }, CancellationToken.None);
        var fresh = Make("alice", T0);

        await store.InsertAsync(fresh, new NotificationLimits(1000, T0.AddDays(-90)), CancellationToken.None);
        var aliceAfterInsert = await store.ListAsync("alice", All(), CancellationToken.None);
        var bobAfterInsert = await store.ListAsync("bob", All(), CancellationToken.None);
        var purged = await store.PurgeExpiredAsync(T0.AddDays(-90), CancellationToken.None);

        aliceAfterInsert.Items.Select(n => n.Id).Should().Equal(fresh.Id);
        bobAfterInsert.Total.Should().Be(1, "another user's insert purges only that user's");
        purged.Should().Be(1);
        (await store.ListAsync("bob", All(), CancellationToken.None)).Total.Should().Be(0);
        (await store.ListAsync("alice", All(), CancellationToken.None)).Total.Should().Be(1);
    }
}

public sealed class SqliteNotificationStoreContract : NotificationStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class MongoNotificationStoreContract : NotificationStoreContract
{
    protected override StorageProvider Provider => StorageProvider.Mongo;
}
