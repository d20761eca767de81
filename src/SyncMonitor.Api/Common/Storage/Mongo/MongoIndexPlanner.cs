using MongoDB.Bson;

namespace SyncMonitor.Api.Common.Storage.Mongo;

/// <summary>What to do about one collection's declared indexes, given the ones that exist.</summary>
public sealed record MongoIndexPlan(
    IReadOnlyList<MongoIndexDefinition> Create,
    IReadOnlyList<MongoTtlChange> ChangeTtl,
    IReadOnlyList<string> Drop,
    IReadOnlyList<string> Conflicts);

/// <summary>An existing TTL index whose <c>expireAfterSeconds</c> is changed in place with <c>collMod</c>.</summary>
public sealed record MongoTtlChange(string ExistingName, TimeSpan ExpireAfter);

/// <summary>Compares declared indexes with existing ones. An index whose keys already exist under any name counts as
/// present (a pre-existing index of another name never causes a conflict) — but only when it also agrees on
/// <c>unique</c>, which the fenced upserts rely on, and on <c>expireAfterSeconds</c>: a changed retention becomes a
/// <c>collMod</c>, a uniqueness mismatch a conflict that stops startup with a message saying what to do.</summary>
public static class MongoIndexPlanner
{
    public static MongoIndexPlan Plan(IEnumerable<BsonDocument> existingIndexes, MongoIndexSet set)
    {
        var existing = existingIndexes.Where(index => index.Contains("key") && index.Contains("name")).ToList();
        var create = new List<MongoIndexDefinition>();
        var changeTtl = new List<MongoTtlChange>();
        var conflicts = new List<string>();
        foreach (var declared in set.Indexes)
        {
            var match = existing.FirstOrDefault(index => SameKeys(index["key"].AsBsonDocument, declared.Keys));
            if (match is null)
            {
                if (existing.Any(index => index["name"].AsString == declared.Name))
                {
                    conflicts.Add($"{set.Collection}: an index named {declared.Name} exists with other keys than {declared.Keys}; drop it or rename it.");
                }
                else
                {
                    create.Add(declared);
                }

                continue;
            }

            var name = match["name"].AsString;
            var unique = match.GetValue("unique", false).ToBoolean();
            if (unique != declared.Unique)
            {
                conflicts.Add(declared.Unique
                    ? $"{set.Collection}: index {name} on {declared.Keys} is not unique, but writes rely on that key being unique. "
                      + "Remove the duplicate documents and drop the index; it is then created unique at the next start."
                    : $"{set.Collection}: index {name} on {declared.Keys} is unique, but this key may repeat. Drop the index; it is then created at the next start.");
                continue;
            }

            var ttl = match.TryGetValue("expireAfterSeconds", out var seconds) ? TimeSpan.FromSeconds(seconds.ToDouble()) : (TimeSpan?)null;
            if (declared.ExpireAfter is { } wanted && ttl != wanted)
            {
                changeTtl.Add(new MongoTtlChange(name, wanted));
            }
            else if (declared.ExpireAfter is null && ttl is not null)
            {
                conflicts.Add($"{set.Collection}: index {name} on {declared.Keys} expires documents after {ttl}, which this version does not do. Drop the index.");
            }
        }

        var drop = set.Retired
            .Where(retired => existing.Any(index => index["name"].AsString == retired.Name && SameKeys(index["key"].AsBsonDocument, retired.Keys)))
            .Select(retired => retired.Name)
            .ToList();
        return new MongoIndexPlan(create, changeTtl, drop, conflicts);
    }

    /// <summary>The command that changes a TTL index's retention in place.</summary>
    public static BsonDocument CollModCommand(string collection, MongoTtlChange change) => new()
    {
        { "collMod", collection },
        { "index", new BsonDocument { { "name", change.ExistingName }, { "expireAfterSeconds", (long)change.ExpireAfter.TotalSeconds } } },
    };

    /// <summary>Same fields in the same order with the same kind: numbers compare by value (1, 1.0 and 1L are one
    /// direction), anything else (<c>"hashed"</c>, <c>"text"</c>, <c>"2dsphere"</c>) by equality.</summary>
    private static bool SameKeys(BsonDocument a, BsonDocument b)
    {
        if (a.ElementCount != b.ElementCount)
        {
            return false;
        }

        for (var i = 0; i < a.ElementCount; i++)
        {
            var (x, y) = (a.GetElement(i), b.GetElement(i));
            var same = x.Value.IsNumeric && y.Value.IsNumeric ? x.Value.ToDouble() == y.Value.ToDouble() : x.Value.Equals(y.Value);
            if (x.Name != y.Name || !same)
            {
                return false;
            }
        }

        return true;
    }
}
