using System.Text;
using System.Text.Json;
using SyncMonitor.Api.Common.Json;
using SyncMonitor.Api.Modules.Consistency.CrossSource;
using SyncMonitor.Api.Modules.Consistency.CrossSource.Storage;
using static SyncMonitor.UnitTests.Consistency.Rows;

namespace SyncMonitor.UnitTests.Consistency;

public sealed class StoredJsonBufferTests
{
    [Fact]
    public void Each_row_is_stored_as_the_same_json_text_the_serializer_gives_even_after_a_longer_row()
    {
        var full = ConsistencyChecker.CompareStock(Stock("000001", pe: 20.123456789, pb: 1.5, close: 10), Stock("000001", "b", pe: 30, pb: 1.5, close: 10.05));
        var sparse = ConsistencyChecker.CompareStock(Stock("000002", pe: null, pb: null, close: 3), Stock("000002", "b", pe: 1, pb: null, close: 3));
        var buffer = new StoredJsonBuffer();

        foreach (var stock in new[] { full, sparse, full })
        {
            var expected = JsonSerializer.Serialize(stock.Differences, JsonSetup.Options);
            Encoding.UTF8.GetString(buffer.Write(stock.Differences)).Should().Be(expected);
        }
    }
}
