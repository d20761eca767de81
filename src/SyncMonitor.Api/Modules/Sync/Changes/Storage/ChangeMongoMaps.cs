using MongoDB.Bson;
using SyncMonitor.Api.Common.MarketData;
using SyncMonitor.Api.Common.Storage.Mongo;

namespace SyncMonitor.Api.Modules.Sync.Changes.Storage;

/// <summary>Collections and documents of change sets and staged rows.</summary>
internal static class ChangeMongoMaps
{
    public const string ChangeSets = "sync_change_sets";
    public const string Changes = "sync_changes";
    public const string Staging = "stock_basic_staging";

    public static void Register()
    {
        MongoClassMaps.MapWithId<ChangeSetRecord, string>(r => r.TaskId);
        MongoConventions.Register();
    }

    public static IReadOnlyList<MongoIndexSet> Indexes { get; } =
    [
        new(ChangeSets, [Index("source_1_seen_at_-1", ("source", 1), ("seen_at", -1))]),
        new(Changes, [Index("task_id_1_code_1", ("task_id", 1), ("code", 1))]),
        new(Staging, [Index("task_id_1_code_1", ("task_id", 1), ("code", 1))]),
    ];

    /// <summary>The document id of a per-code row: task id and code (both free of '|').</summary>
    public static string RowId(string taskId, string code) => taskId + "|" + code;

    private static MongoIndexDefinition Index(string name, params (string Field, int Direction)[] keys)
        => new(new BsonDocument(keys.Select(k => new BsonElement(k.Field, k.Direction))), name);
}

/// <summary>A <c>sync_changes</c> document: one changed code of one run.</summary>
internal sealed class StockChangeDocument
{
    public string Id { get; set; } = string.Empty;

    public string TaskId { get; set; } = string.Empty;

    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public List<string> Kinds { get; set; } = [];

    public List<FieldChange> Fields { get; set; } = [];

    public static StockChangeDocument From(string taskId, StockChange change) => new()
    {
        Id = ChangeMongoMaps.RowId(taskId, change.Code),
        TaskId = taskId,
        Code = change.Code,
        Name = change.Name,
        Kinds = [.. change.Kinds],
        Fields = [.. change.Fields],
    };

    public StockChange ToChange() => new() { Code = Code, Name = Name, Kinds = Kinds, Fields = Fields };
}

/// <summary>A <c>stock_basic_staging</c> document: one staged row of a held run.</summary>
internal sealed class StagedRowDocument
{
    public string Id { get; set; } = string.Empty;

    public string TaskId { get; set; } = string.Empty;

    public string Code { get; set; } = string.Empty;

    public StockBasic? Row { get; set; }
}
