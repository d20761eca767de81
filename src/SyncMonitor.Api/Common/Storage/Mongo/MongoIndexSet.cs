using MongoDB.Bson;
using MongoDB.Driver;

namespace SyncMonitor.Api.Common.Storage.Mongo;

/// <summary>One collection's indexes, declared by the module that owns the collection. <see cref="Retired"/> are
/// indexes an earlier version created and this one no longer wants (e.g. a prefix of a compound index): they are
/// dropped when an index of that name and those keys exists.</summary>
public sealed record MongoIndexSet(string Collection, IReadOnlyList<MongoIndexDefinition> Indexes)
{
    public IReadOnlyList<MongoIndexDefinition> Retired { get; init; } = [];
}

/// <summary>An index as keys + options; <see cref="Keys"/> is the identity used for create-if-absent, and
/// <see cref="Unique"/> and <see cref="ExpireAfter"/> must match an existing index with those keys.</summary>
public sealed record MongoIndexDefinition(BsonDocument Keys, string Name, bool Unique = false, TimeSpan? ExpireAfter = null)
{
    public CreateIndexModel<BsonDocument> ToModel() => new(
        new BsonDocumentIndexKeysDefinition<BsonDocument>(Keys),
        new CreateIndexOptions { Name = Name, Unique = Unique ? true : null, ExpireAfter = ExpireAfter });
}
