using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Serializers;

namespace SyncMonitor.Api.Common.Storage.Mongo;

/// <summary>Field names in snake_case (matching the SQLite columns and the JSON contract), enums as strings,
/// unknown fields ignored so older documents still load. Registered once per process.</summary>
public static class MongoConventions
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            var pack = new ConventionPack
            {
                new SnakeCaseElementNameConvention(),
                new IgnoreExtraElementsConvention(true),
                new EnumRepresentationConvention(BsonType.String),
            };
            ConventionRegistry.Register("syncmonitor", pack, type => type.Namespace?.StartsWith("SyncMonitor", StringComparison.Ordinal) == true);
            BsonSerializer.TryRegisterSerializer(new DateTimeOffsetSerializer(BsonType.DateTime));
            _registered = true;
        }
    }
}

/// <summary>Class maps of documents whose id is a member other than <c>Id</c>.</summary>
public static class MongoClassMaps
{
    /// <summary>Registers <typeparamref name="T"/> with the shared conventions and <paramref name="id"/> as its
    /// <c>_id</c>. Safe to call any number of times from any thread (the driver registers a class map once).</summary>
    public static void MapWithId<T, TMember>(System.Linq.Expressions.Expression<Func<T, TMember>> id)
    {
        MongoConventions.Register();
        BsonClassMap.TryRegisterClassMap<T>(map =>
        {
            map.AutoMap();
            map.MapIdMember(id);
        });
    }
}

/// <summary>Maps PascalCase members to snake_case element names.</summary>
public sealed class SnakeCaseElementNameConvention : ConventionBase, IMemberMapConvention
{
    public void Apply(BsonMemberMap memberMap) => memberMap.SetElementName(ToSnakeCase(memberMap.MemberName));

    public static string ToSnakeCase(string name) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
