using MongoDB.Bson;
using MongoDB.Driver;

namespace SyncMonitor.Api.Common.Storage.Mongo;

/// <summary>One collection's indexes, declared by the module that owns the collection.</summary>
public sealed record MongoIndexSet(string Collection, IReadOnlyList<MongoIndexDefinition> Indexes);

/// <summary>An index as keys + options; <see cref="Keys"/> is the identity used for create-if-absent.</summary>
public sealed record MongoIndexDefinition(BsonDocument Keys, string Name, bool Unique = false, TimeSpan? ExpireAfter = null)
{
    public CreateIndexModel<BsonDocument> ToModel() => new(
        new BsonDocumentIndexKeysDefinition<BsonDocument>(Keys),
        new CreateIndexOptions { Name = Name, Unique = Unique ? true : null, ExpireAfter = ExpireAfter });
}
