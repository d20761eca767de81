using System.Text;
using SyncMonitor.Api.Modules.Sync.Sources.BaoStock;
using SyncMonitor.IntegrationTests.Sources.Support;

namespace SyncMonitor.IntegrationTests.Sources;

/// <summary>Conformance of the BaoStock codec with the public server's frames. Each test names the fact it encodes;
/// the numbers (declared lengths, byte counts, CRC32s) are those of frames captured from public-api.baostock.com and
/// published with simplerjiang/baostock.NET's tests (<c>tests/Fixtures/{name}/response.bin</c>), rebuilt here from
/// their conventions by <see cref="BaoStockFrames"/>.</summary>
public sealed class BaoStockWireTests
{
    private const string S = BaoStockFrames.Split;

    /// <summary>The captured sh.600000 <c>query_stock_basic</c> answer body.</summary>
    private static readonly string StockBasicSh600000 = BaoStockFrames.QueryBody("query_stock_basic", "anonymous", 1, 10000,
        [["sh.600000", "浦发银行", "1999-11-10", "", "1", "1"]], ["sh.600000", ""], FakeBaoStockService.StockBasicFields);

    [Fact]
    public void A_login_request_is_byte_for_byte_the_python_clients()
    {
        // Fact: captured tests/Fixtures/login/request.bin (written by the Python client 00.9.10) is
        // 00.9.10|00|0000000024login|anonymous|123456|0|359766228\n — length 24, CRC32 359766228.
        var frame = BaoStockWire.EncodeRequest("00.9.10", BaoStockWire.LoginRequest, "login" + S + "anonymous" + S + "123456" + S + "0");

        Encoding.UTF8.GetString(frame).Should().Be("00.9.10" + S + "00" + S + "0000000024login" + S + "anonymous" + S + "123456" + S + "0" + S + "359766228\n");
    }

    [Fact]
    public void A_request_declares_its_body_in_characters_and_checksums_its_bytes_as_the_python_client_does()
    {
        // Fact: messageheader.to_message_header(msg_type, len(msg_body)) — Python's len() of a str counts characters —
        // and zlib.crc32(bytes(head_body, encoding='utf-8')) over the bytes.
        var body = string.Join(S, "query_stock_basic", "anonymous", "1", "10000", "", "浦发银行");

        var text = Encoding.UTF8.GetString(BaoStockWire.EncodeRequest("00.9.10", BaoStockWire.StockBasicRequest, body));

        text.Should().StartWith("00.9.10" + S + "45" + S + "0000000041query_stock_basic", "41 characters, though 49 bytes");
        var headBody = Encoding.UTF8.GetBytes(text[..text.LastIndexOf(S, StringComparison.Ordinal)]);
        text.Should().EndWith(S + System.IO.Hashing.Crc32.HashToUInt32(headBody) + "\n");
    }

    [Fact]
    public void The_captured_stock_basic_answer_declares_characters_and_decodes_by_its_last_separator()
    {
        // Fact: captured query_stock_basic for sh.600000 — header 00.9.00|46|0000000162, 170 body bytes (浦发银行 is
        // 4 characters, 12 bytes), CRC32 3528582555 over header and body bytes. The old reader failed exactly here.
        var frame = BaoStockFrames.Frame(BaoStockWire.StockBasicResponse, StockBasicSh600000);

        Encoding.ASCII.GetString(frame, 0, 21).Should().Be("00.9.00" + S + "46" + S + "0000000162");
        Encoding.UTF8.GetByteCount(StockBasicSh600000).Should().Be(170);
        Encoding.ASCII.GetString(frame[(21 + 170)..]).Should().Be(S + "3528582555<![CDATA[]]>\n");

        var message = BaoStockWire.Decode(frame);

        message.Should().BeEquivalentTo(new { MessageType = "46", ErrorCode = "0", DeclaredLength = 162, BodyCharacters = 162, BodyBytes = 170, LengthAsDeclared = true });
        message.Fields[6].Should().Be("""{"record":[["sh.600000","浦发银行","1999-11-10","","1","1"]]}""");
        message.Fields[^1].Should().Be("code, code_name, ipoDate, outDate, type, status");
    }

    [Fact]
    public void The_captured_login_answer_has_equal_character_and_byte_counts()
    {
        // Fact: captured login answer 00.9.00|01|0000000043 + 0|success|login|anonymous|20260422163759563, CRC32 4202758179.
        var frame = BaoStockFrames.Frame(BaoStockWire.LoginResponse, BaoStockFrames.LoginBody("anonymous", "20260422163759563"));

        Encoding.ASCII.GetString(frame).Should().EndWith("0000000043" + "0" + S + "success" + S + "login" + S + "anonymous" + S + "20260422163759563" + S + "4202758179<![CDATA[]]>\n");
        BaoStockWire.Decode(frame).Fields.Should().Equal("0", "success", "login", "anonymous", "20260422163759563");
    }

    [Fact]
    public void A_type_04_frame_is_an_error_with_its_code_and_message()
    {
        // Fact: captured answer to an unknown message type (93) — 00.9.00|04|0000000016 + 10004020|错误的消息类型,
        // 30 body bytes, CRC32 1867595674.
        var frame = BaoStockFrames.Error("10004020", "错误的消息类型");

        Encoding.UTF8.GetString(frame).Should().Be("00.9.00" + S + "04" + S + "0000000016" + "10004020" + S + "错误的消息类型" + S + "1867595674<![CDATA[]]>\n");
        var message = BaoStockWire.Decode(frame);

        message.Should().BeEquivalentTo(new { IsError = true, ErrorCode = "10004020", ErrorMessage = "错误的消息类型", BodyBytes = 30, LengthAsDeclared = true });
    }

    [Theory]
    [InlineData(170)]
    [InlineData(7)]
    [InlineData(9_999_999)]
    public void A_declared_length_that_disagrees_with_the_body_is_only_a_hint(int declared)
    {
        // Fact: the server counts characters; a reader that trusted the number instead of the last separator broke on
        // Chinese names, so any number must decode the same.
        var message = BaoStockWire.Decode(BaoStockFrames.Frame(BaoStockWire.StockBasicResponse, StockBasicSh600000, declared));

        message.Fields[6].Should().Contain("浦发银行");
        message.LengthAsDeclared.Should().BeFalse();
    }

    [Fact]
    public void A_compressed_message_type_is_inflated_from_the_declared_number_of_bytes()
    {
        // Fact: socketutil.py inflates receive[21:21+int(head_arr[2])] for types in COMPRESSED_MESSAGE_TYPE_TUPLE ("96");
        // captured query_history_k_data_plus ends \x01<crc>\n<![CDATA[]]>\n.
        var body = BaoStockFrames.QueryBody("query_history_k_data_plus", "anonymous", 1, 10000,
            [["2024-11-15", "sz.000001", "11.52"]], ["sz.000001", "date,code,close", "2024-11-15", "2024-11-15", "d", "3"], "date,code,close");

        var message = BaoStockWire.Decode(BaoStockFrames.Compressed(BaoStockWire.KDataPlusResponse, body));

        message.Fields[2].Should().Be("query_history_k_data_plus");
        message.Fields[6].Should().Contain("sz.000001").And.Contain("11.52");
    }

    [Theory]
    [InlineData("crc", "CRC32 mismatch")]
    [InlineData("header", "bad frame header")]
    [InlineData("no-trailer", "no CRC32 trailer")]
    [InlineData("trailer", "is not a number")]
    [InlineData("zlib", "does not inflate")]
    public void A_damaged_frame_is_rejected_with_the_reason(string damage, string reason)
    {
        var login = BaoStockFrames.Frame("01", BaoStockFrames.LoginBody("anonymous", "20241115120000123"));
        var frame = damage switch
        {
            "crc" => BaoStockReply.BadCrc(login).Bytes,
            "header" => Damage(login, text => text[..7] + "|" + text[8..]),
            "no-trailer" => Encoding.ASCII.GetBytes("00.9.00" + S + "03" + S + "0000000004" + "done<![CDATA[]]>\n"),
            "trailer" => Damage(login, text => text.Replace(S + "20241115120000123" + S, S + "20241115120000123" + S + "x", StringComparison.Ordinal)),
            _ => Encoding.ASCII.GetBytes("00.9.00" + S + "96" + S + "0000000009" + "not zlib!" + S + "1\n<![CDATA[]]>\n"),
        };

        var act = () => BaoStockWire.Decode(frame);

        act.Should().Throw<BaoStockFrameException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public async Task Reading_returns_as_soon_as_the_end_marker_arrives_without_waiting_for_more_bytes()
    {
        var frame = BaoStockFrames.Frame(BaoStockWire.StockBasicResponse, StockBasicSh600000);
        using var stream = new ChunkedStream(frame[..10], frame[10..100], frame[100..]);

        var read = await BaoStockWire.ReadFrameAsync(stream, 1 << 20, CancellationToken.None);

        read.Should().Equal(frame);
    }

    [Fact]
    public async Task A_stream_that_ends_mid_frame_is_a_truncated_frame()
    {
        var frame = BaoStockFrames.Frame(BaoStockWire.StockBasicResponse, StockBasicSh600000);
        using var stream = new MemoryStream(frame[..100]);

        var act = () => BaoStockWire.ReadFrameAsync(stream, 1 << 20, CancellationToken.None);

        await act.Should().ThrowAsync<BaoStockFrameException>().WithMessage("*truncated*");
    }

    private static byte[] Damage(byte[] frame, Func<string, string> change) => Encoding.Latin1.GetBytes(change(Encoding.Latin1.GetString(frame)));

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
