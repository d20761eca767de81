using MongoDB.Bson;

namespace SyncMonitor.Api.Common.Storage.Mongo;

/// <summary>Decides which declared indexes still need creating. An index whose keys already exist under
/// any name counts as present, so a pre-existing index of another name never causes a conflict.</summary>
public static class MongoIndexPlanner
{
    public static IReadOnlyList<MongoIndexDefinition> Missing(
        IEnumerable<BsonDocument> existingIndexes, IEnumerable<MongoIndexDefinition> declared)
    {
        var existing = existingIndexes
            .Where(index => index.Contains("key"))
            .Select(index => index["key"].AsBsonDocument)
            .ToList();
        return declared.Where(index => !existing.Any(keys => SameKeys(keys, index.Keys))).ToList();
    }

    private static bool SameKeys(BsonDocument a, BsonDocument b)
    {
        if (a.ElementCount != b.ElementCount)
        {
            return false;
        }

        for (var i = 0; i < a.ElementCount; i++)
        {
            var x = a.GetElement(i);
            var y = b.GetElement(i);
            if (x.Name != y.Name || x.Value.ToDouble() != y.Value.ToDouble())
            {
                return false;
            }
        }

        return true;
    }
}
