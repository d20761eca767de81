using System.Text;
using SyncMonitor.Api.Modules.Sync.Sources.BaoStock;
using SyncMonitor.IntegrationTests.Sources.Support;

namespace SyncMonitor.IntegrationTests.Sources;

/// <summary>BaoStock framing against frames written by <c>Fixtures/baostock/make_frames.py</c> with Python's zlib,
/// i.e. exactly as the Python client and server compute CRC32 and compress.</summary>
public sealed class BaoStockWireTests
{
    [Fact]
    public void A_request_frame_matches_the_python_clients_bytes()
    {
        // python3: body = "login\x01anonymous\x01123456\x010"; header = "00.9.10\x0100\x01" + str(len(body)).zfill(10)
        //          (header + body + "\x01" + str(zlib.crc32((header + body).encode())) + "\n").encode()
        var frame = BaoStockWire.EncodeRequest("00.9.10", BaoStockWire.LoginRequest, "login\u0001anonymous\u0001123456\u00010");

        Encoding.UTF8.GetString(frame).Should().Be("00.9.10\u000100\u00010000000024login\u0001anonymous\u0001123456\u00010\u0001359766228\n");
    }

    [Fact]
    public void A_recorded_response_decodes_into_its_fields_after_the_crc_check()
    {
        var message = BaoStockWire.Decode(Fixtures.Bytes("baostock/query_stock_basic_page2.bin"));

        message.MessageType.Should().Be(BaoStockWire.StockBasicResponse);
        message.ErrorCode.Should().Be("0");
        message.Fields[2].Should().Be("query_stock_basic");
        message.Fields[6].Should().Contain("中芯国际");
        message.Fields[^1].Should().Be("code,code_name,ipoDate,outDate,type,status");
    }

    [Fact]
    public void A_compressed_message_type_is_inflated_with_zlib()
    {
        var message = BaoStockWire.Decode(Fixtures.Bytes("baostock/query_history_k_data_plus_compressed.bin"));

        message.MessageType.Should().Be(BaoStockWire.KDataPlusResponse);
        message.Fields[2].Should().Be("query_history_k_data_plus");
        message.Fields[6].Should().Contain("sz.000001").And.Contain("11.52");
    }

    [Fact]
    public void A_frame_without_crc_trailer_is_accepted_whether_or_not_its_length_counts_the_marker()
    {
        const string body = "0\u0001success\u0001logout\u0001anonymous";
        var marker = "<![CDATA[]]>\n";
        var plain = Encoding.UTF8.GetBytes(BaoStockWire.Header("00.9.10", "03", Encoding.UTF8.GetByteCount(body)) + body + marker);
        var counted = Encoding.UTF8.GetBytes(BaoStockWire.Header("00.9.10", "03", Encoding.UTF8.GetByteCount(body) + marker.Length) + body + marker);

        BaoStockWire.Decode(plain).Fields.Should().Equal("0", "success", "logout", "anonymous");
        BaoStockWire.Decode(counted).Fields.Should().Equal("0", "success", "logout", "anonymous");
    }

    [Theory]
    [InlineData("crc", "CRC32 mismatch")]
    [InlineData("header", "bad frame header")]
    [InlineData("length", "declares")]
    [InlineData("zlib", "does not inflate")]
    public void A_damaged_frame_is_rejected_with_the_reason(string damage, string reason)
    {
        var frame = damage switch
        {
            "crc" => BaoStockReply.BadCrc("login.bin").Bytes,
            "header" => Damage("login.bin", text => text[..7] + "|" + text[8..]),
            "length" => Damage("login.bin", text => text[..11] + "0000000999" + text[21..]),
            _ => WithCrc("96", "this is not a zlib stream"u8.ToArray()),
        };

        var act = () => BaoStockWire.Decode(frame);

        act.Should().Throw<BaoStockFrameException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public async Task Reading_returns_as_soon_as_the_frame_is_complete_without_waiting_for_more_bytes()
    {
        var recorded = Fixtures.Bytes("baostock/query_stock_basic_page1.bin");
        using var stream = new ChunkedStream(recorded[..30], recorded[30..200], recorded[200..]);

        var frame = await BaoStockWire.ReadFrameAsync(stream, 1 << 20, CancellationToken.None);

        frame.Should().Equal(recorded);
    }

    [Fact]
    public async Task A_stream_that_ends_mid_frame_is_a_truncated_frame()
    {
        var recorded = Fixtures.Bytes("baostock/query_stock_basic_page1.bin");
        using var stream = new MemoryStream(recorded[..100]);

        var act = () => BaoStockWire.ReadFrameAsync(stream, 1 << 20, CancellationToken.None);

        await act.Should().ThrowAsync<BaoStockFrameException>().WithMessage("*truncated*");
    }

    /// <summary>A well-framed response (valid CRC32) around <paramref name="body"/>.</summary>
    private static byte[] WithCrc(string messageType, byte[] body)
    {
        byte[] headBody = [.. Encoding.ASCII.GetBytes(BaoStockWire.Header("00.9.10", messageType, body.Length)), .. body];
        var crc = System.IO.Hashing.Crc32.HashToUInt32(headBody).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return [.. headBody, .. Encoding.ASCII.GetBytes("\u0001" + crc + "<![CDATA[]]>\n")];
    }

    private static byte[] Damage(string fixture, Func<string, string> change)
        => Encoding.Latin1.GetBytes(change(Encoding.Latin1.GetString(Fixtures.Bytes("baostock/" + fixture))));

    /// <summary>Hands out the given chunks one read at a time; a read past them fails the test.</summary>
    private sealed class ChunkedStream(params byte[][] chunks) : Stream
    {
        private readonly Queue<byte[]> _chunks = new(chunks);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var chunk = _chunks.Count > 0 ? _chunks.Dequeue() : throw new InvalidOperationException("read past the frame");
            chunk.CopyTo(buffer, offset);
            return chunk.Length;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
