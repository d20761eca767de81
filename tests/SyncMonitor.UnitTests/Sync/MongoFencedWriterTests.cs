using System.Net;
using System.Reflection;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;
using SyncMonitor.Api.Modules.Sync.Storage;
using SyncMonitor.Api.Modules.Sync.Storage.Mongo;

namespace SyncMonitor.UnitTests.Sync;

/// <summary>The fenced writer's pieces, without a server: the lease check its transaction starts with, and how rows the
/// server refuses are counted — inside a transaction (where one write error aborts all) and outside.</summary>
public sealed class MongoFencedWriterTests
{
    public MongoFencedWriterTests() => SyncMongoMaps.Register();

    private static readonly List<WriteModel<BsonDocument>> Models = Enumerable.Range(0, 4)
        .Select(i => (WriteModel<BsonDocument>)new InsertOneModel<BsonDocument>(new BsonDocument("i", i))).ToList();

    private static BulkWriteResult<BsonDocument> Result(int count, long matched)
        => new BulkWriteResult<BsonDocument>.Acknowledged(count, matched, 0, 0, matched, Models.Take(count).ToList(), []);

    /// <summary>What the driver throws when the server answers a bulk write with write errors at these positions.</summary>
    private static MongoBulkWriteException<BsonDocument> Refused(BulkWriteResult<BsonDocument> partial, params int[] positions)
    {
        var constructor = typeof(BulkWriteError).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance,
            [typeof(int), typeof(ServerErrorCategory), typeof(int), typeof(string), typeof(BsonDocument)])!;
        var errors = positions.Select(p => (BulkWriteError)constructor.Invoke([p, ServerErrorCategory.DuplicateKey, 11000, "E11000 duplicate key", null]));
        var connection = new ConnectionId(new ServerId(new ClusterId(), new DnsEndPoint("localhost", 27017)));
        return new MongoBulkWriteException<BsonDocument>(connection, partial, errors, null, []);
    }

    [Fact]
    public async Task In_a_transaction_refused_rows_are_counted_and_the_rest_is_written_again_without_them()
    {
        var attempts = new List<int>();
        var result = await MongoFencedWriter.WithoutFailingRowsAsync(Models, i => "row" + i, inTransaction: true, batch =>
        {
            attempts.Add(batch.Count);
            return attempts.Count == 1 ? throw Refused(Result(4, 0), 1, 3) : Task.FromResult(Result(batch.Count, batch.Count));
        });

        attempts.Should().Equal(4, 2);
        (result.Updated, result.Errors).Should().Be((2, 2));
        result.RowErrors.Select(e => e.Key).Should().Equal("row1", "row3");
        result.RowErrors.Should().OnlyContain(e => e.Reason.StartsWith("refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_a_transaction_the_partial_result_of_the_one_attempt_counts_the_rest()
    {
        var attempts = 0;
        var result = await MongoFencedWriter.WithoutFailingRowsAsync(Models, i => "row" + i, inTransaction: false, _ =>
        {
            attempts++;
            throw Refused(Result(4, 3), 2);
        });

        attempts.Should().Be(1, "an unordered bulk already wrote every other row");
        (result.Updated, result.Errors).Should().Be((3, 1));
    }

    [Fact]
    public void The_transaction_first_touches_the_lease_document_only_while_it_carries_the_writers_token_and_is_held()
    {
        var args = new RenderArgs<LeaseDocument>(BsonSerializer.LookupSerializer<LeaseDocument>(), BsonSerializer.SerializerRegistry);

        (MongoFencedWriter.LeaseCheck(7).Render(args) == BsonDocument.Parse(
            """{ "_id": "global", "fencing_token": { "$numberLong": "7" }, "owner_token": { "$ne": null } }""")).Should().BeTrue();
        (MongoFencedWriter.Touch.Render(args).AsBsonDocument == BsonDocument.Parse("""{ "$currentDate": { "last_write_at": true } }"""))
            .Should().BeTrue(MongoFencedWriter.Touch.Render(args).ToString());
    }
}
