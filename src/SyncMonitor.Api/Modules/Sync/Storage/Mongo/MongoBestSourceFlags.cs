using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using SyncMonitor.Api.Common.Storage.Mongo;
using SyncMonitor.Api.Modules.Sync.Sources;

namespace SyncMonitor.Api.Modules.Sync.Storage.Mongo;

/// <summary>Keeps <c>best_of_code: true</c> on exactly one <c>stock_basic_info</c> document per code — the row of its
/// best source (<see cref="SourceRanking"/>) — so the unfiltered stock list pages through an index instead of grouping
/// every document per request. Updated with every fenced batch (in its transaction on a replica set) for the batch's
/// codes; rebuilt for all codes when the order it was built with (kept in <c>stock_best_source</c>) is not the
/// configured one. All of it happens under the sync lease, so no other writer moves rows meanwhile.</summary>
internal sealed class MongoBestSourceFlags(MongoDatabaseProvider mongo, IOptionsMonitor<SourcesOptions> sources)
{
    public const string Field = "best_of_code";
    public const string StateCollection = "stock_best_source";
    public const string StateId = SyncMongoMaps.StockBasicInfo;

    private IMongoCollection<BsonDocument> Rows => mongo.Collection<BsonDocument>(SyncMongoMaps.StockBasicInfo);

    private IMongoCollection<BsonDocument> State => mongo.Collection<BsonDocument>(StateCollection);

    public IReadOnlyList<string> Order => SourceRanking.DisplayOrder(sources.CurrentValue.EffectivePriority);

    /// <summary>After a batch: the batch's codes, or every code when the flags were built under another order.</summary>
    public async Task RefreshAsync(IClientSessionHandle? session, IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var order = Order;
        var state = await Find(session, State, StateFilter).FirstOrDefaultAsync(cancellationToken);
        var current = state is not null && state["order"].AsBsonArray.Select(v => v.AsString).SequenceEqual(order, StringComparer.Ordinal);
        var scope = current ? RowsOf(codes.Distinct(StringComparer.Ordinal).ToList()) : FilterDefinition<BsonDocument>.Empty;
        var rows = await Find(session, Rows, scope).Project(FlagInputs).ToListAsync(cancellationToken);
        var changes = Changes(rows, order);
        if (changes.Count > 0)
        {
            var options = new BulkWriteOptions { IsOrdered = false };
            await (session is null ? Rows.BulkWriteAsync(changes, options, cancellationToken) : Rows.BulkWriteAsync(session, changes, options, cancellationToken));
        }

        if (!current)
        {
            var update = Builders<BsonDocument>.Update.Set("order", new BsonArray(order));
            var upsert = new UpdateOptions { IsUpsert = true };
            await (session is null
                ? State.UpdateOneAsync(StateFilter, update, upsert, cancellationToken)
                : State.UpdateOneAsync(session, StateFilter, update, upsert, cancellationToken));
        }
    }

    /// <summary>Flag updates that make exactly the best row of each code carry <c>best_of_code: true</c>.</summary>
    internal static List<WriteModel<BsonDocument>> Changes(IEnumerable<BsonDocument> rows, IReadOnlyList<string> order)
    {
        var changes = new List<WriteModel<BsonDocument>>();
        foreach (var code in rows.GroupBy(r => r["code"].AsString, StringComparer.Ordinal))
        {
            var best = SourceRanking.Rank(code.Select(r => r["source"].AsString), order)[0];
            foreach (var row in code)
            {
                var wanted = row["source"].AsString == best;
                if (row.GetValue(Field, BsonNull.Value) != wanted)
                {
                    changes.Add(new UpdateOneModel<BsonDocument>(new BsonDocument("_id", row["_id"]), new BsonDocument("$set", new BsonDocument(Field, wanted))));
                }
            }
        }

        return changes;
    }

    internal static FilterDefinition<BsonDocument> StateFilter { get; } = new BsonDocument("_id", StateId);

    internal static FilterDefinition<BsonDocument> RowsOf(IReadOnlyList<string> codes) => new BsonDocument("code", new BsonDocument("$in", new BsonArray(codes)));

    internal static ProjectionDefinition<BsonDocument> FlagInputs { get; } = new BsonDocument { { "code", 1 }, { "source", 1 }, { Field, 1 } };

    private static IFindFluent<BsonDocument, BsonDocument> Find(IClientSessionHandle? session, IMongoCollection<BsonDocument> collection, FilterDefinition<BsonDocument> filter)
        => session is null ? collection.Find(filter) : collection.Find(session, filter);
}
