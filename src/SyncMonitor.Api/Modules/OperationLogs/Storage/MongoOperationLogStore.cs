using System.Runtime.CompilerServices;
using MongoDB.Bson;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Http;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.OperationLogs.Storage;

/// <summary>The production store of operation logs.</summary>
internal sealed class MongoOperationLogStore(MongoDatabaseProvider mongo) : IOperationLogStore
{
    private const int DuplicateKey = 11000;

    private IMongoCollection<OperationLogDocument> Logs => mongo.Collection<OperationLogDocument>(MongoOperationLogQueries.Collection);

    public async Task InsertManyAsync(IReadOnlyList<OperationLog> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        try
        {
            await Logs.InsertManyAsync(entries.Select(OperationLogDocument.From), new InsertManyOptions { IsOrdered = false }, cancellationToken);
        }
        catch (MongoBulkWriteException<OperationLogDocument> ex) when (ex.WriteErrors.All(e => e.Code == DuplicateKey) && ex.WriteConcernError is null)
        {
            // A retry of a batch that was partly stored: the rest went in, the duplicates are the earlier copies.
        }
    }

    public async Task<OperationLog?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var document = await Logs.Find(d => d.Id == id).FirstOrDefaultAsync(cancellationToken);
        return document?.ToEntry();
    }

    public async Task<PagedResult<OperationLog>> ListAsync(OperationLogFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var match = MongoOperationLogQueries.Matching(filter);
        var total = await Logs.CountDocumentsAsync(match, cancellationToken: cancellationToken);
        var documents = await Logs.Find(match)
            .Sort(MongoOperationLogQueries.NewestFirst)
            .Skip((page - 1) * pageSize)
            .Limit(pageSize)
            .ToListAsync(cancellationToken);
        return new PagedResult<OperationLog>(documents.Select(d => d.ToEntry()).ToList(), total, page, pageSize);
    }

    public async IAsyncEnumerable<OperationLogExportRow> StreamAsync(
        OperationLogFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var projection = Builders<OperationLogDocument>.Projection
            .Exclude(d => d.Details).Exclude(d => d.SearchText).Exclude(d => d.UserAgent);
        using var cursor = await Logs.Find(MongoOperationLogQueries.Matching(filter), new FindOptions { BatchSize = 1000 })
            .Sort(MongoOperationLogQueries.NewestFirst)
            .Project<OperationLogDocument>(projection)
            .ToCursorAsync(cancellationToken);
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            foreach (var d in cursor.Current)
            {
                yield return new OperationLogExportRow(
                    new DateTimeOffset(DateTime.SpecifyKind(d.Timestamp, DateTimeKind.Utc)),
                    d.Username, d.ActionType, d.Action, d.Success, d.DurationMs, d.IpAddress, d.ErrorMessage);
            }
        }
    }

    public async Task<OperationLogStats> StatsAsync(DateTimeOffset since, int topUsers, CancellationToken cancellationToken)
    {
        var pipeline = PipelineDefinition<OperationLogDocument, BsonDocument>.Create(MongoOperationLogQueries.StatsPipeline(since, topUsers));
        var result = await (await Logs.AggregateAsync(pipeline, cancellationToken: cancellationToken)).FirstAsync(cancellationToken);
        return MongoOperationLogStats.Read(result);
    }

    public async Task<long> DeleteAsync(DateTimeOffset before, string? actionType, CancellationToken cancellationToken)
        => (await Logs.DeleteManyAsync(MongoOperationLogQueries.TimestampBefore(before, actionType), cancellationToken)).DeletedCount;

    public async Task<long> DeleteCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
        => (await Logs.DeleteManyAsync(MongoOperationLogQueries.CreatedBefore(cutoff), cancellationToken)).DeletedCount;
}

/// <summary>Reads the <c>$facet</c> result of the stats pipeline.</summary>
internal static class MongoOperationLogStats
{
    public static OperationLogStats Read(BsonDocument facets)
    {
        var totals = facets["totals"].AsBsonArray.Select(t => t.AsBsonDocument).FirstOrDefault();
        var average = totals?["avg_duration"] is { IsBsonNull: false } avg ? Math.Round(avg.ToDouble(), 2) : (double?)null;
        return new OperationLogStats(
            totals?["count"].ToInt64() ?? 0,
            totals?["success"].ToInt64() ?? 0,
            average,
            facets["by_action_type"].AsBsonArray.Select(g => g.AsBsonDocument)
                .Select(g => new ActionTypeCount(g["_id"].AsString, g["count"].ToInt64(), g["success"].ToInt64())).ToList(),
            facets["by_day"].AsBsonArray.Select(g => g.AsBsonDocument)
                .Select(g => new DayCount(g["_id"].AsString, g["count"].ToInt64(), g["success"].ToInt64())).ToList(),
            facets["top_users"].AsBsonArray.Select(g => g.AsBsonDocument)
                .Select(g => new UserCount(g["_id"].AsString, g["username"].AsString, g["count"].ToInt64())).ToList());
    }
}
