using System.Globalization;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace SyncMonitor.Api.Modules.Sync.Sources.BaoStock;

/// <summary>BaoStock's framing, as the public server and its Python client speak it (<c>util/socketutil.py</c>,
/// <c>data/messageheader.py</c>, <c>common/contants.py</c>; conventions checked against frames captured from
/// <c>public-api.baostock.com</c>).
/// <list type="bullet">
/// <item>Header: version, two-digit message type and body length in ten digits, separated by <c>\x01</c> (21 ASCII
/// characters). The length is Python's <c>len()</c> of the body text — it counts <b>characters, not UTF-8 bytes</b>
/// (<c>query_stock_basic</c> for sh.600000 declares 162 for a 170-byte body). A reader treats it as a hint.</item>
/// <item>Request: <c>header + body + \x01 + CRC32(header+body bytes) in decimal + \n</c>.</item>
/// <item>Response: <c>header + body + \x01 + CRC32 + &lt;![CDATA[]]&gt;\n</c>. The body ends at the last <c>\x01</c>
/// before the end marker (a CRC is digits only). Bodies of the compressed message types are zlib streams whose length
/// the header gives in bytes (the client slices them by it).</item>
/// <item>Errors: message type <c>04</c>, body <c>error_code\x01error_msg</c>, on the same connection.</item>
/// </list></summary>
public static class BaoStockWire
{
    public const char Split = '\x01';
    public const int HeaderLength = 21;

    public const string LoginRequest = "00";
    public const string LoginResponse = "01";
    public const string LogoutRequest = "02";
    public const string LogoutResponse = "03";
    public const string ErrorResponse = "04";
    public const string TradeDatesRequest = "33";
    public const string TradeDatesResponse = "34";
    public const string AllStockRequest = "35";
    public const string AllStockResponse = "36";
    public const string StockBasicRequest = "45";
    public const string StockBasicResponse = "46";
    public const string KDataPlusResponse = "96";

    /// <summary>The client's COMPRESSED_MESSAGE_TYPE_TUPLE: response types whose body is zlib-compressed.</summary>
    public static readonly IReadOnlySet<string> CompressedTypes = new HashSet<string>(StringComparer.Ordinal) { KDataPlusResponse };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ReadOnlySpan<byte> EndMarker => "<![CDATA[]]>\n"u8;

    /// <summary>A request frame exactly as the Python client writes it (length in characters, CRC over bytes).</summary>
    public static byte[] EncodeRequest(string clientVersion, string messageType, string body)
    {
        var headBody = StrictUtf8.GetBytes(Header(clientVersion, messageType, CharacterCount(body)) + body);
        var trailer = Encoding.ASCII.GetBytes(Split + Crc32.HashToUInt32(headBody).ToString(CultureInfo.InvariantCulture) + "\n");
        return [.. headBody, .. trailer];
    }

    public static string Header(string clientVersion, string messageType, int bodyLength)
        => string.Create(CultureInfo.InvariantCulture, $"{clientVersion}{Split}{messageType}{Split}{bodyLength:D10}");

    /// <summary>What Python's <c>len()</c> gives for the text: Unicode code points, not UTF-16 units or bytes.</summary>
    public static int CharacterCount(string text) => text.EnumerateRunes().Count();

    /// <summary>Reads one response, up to and including the end marker. For a compressed type the zlib body (whose length
    /// the header gives in bytes) must be complete too, because binary data may contain the marker's bytes.</summary>
    public static async Task<byte[]> ReadFrameAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        using var received = new MemoryStream();
        var chunk = new byte[8192];
        (string MessageType, int Declared)? header = null;
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                throw new BaoStockFrameException($"truncated frame: the connection closed after {received.Length} bytes, before the end marker");
            }

            received.Write(chunk, 0, read);
            if (received.Length > maxBytes)
            {
                throw new BaoStockFrameException($"response exceeds {maxBytes} bytes");
            }

            var data = received.GetBuffer().AsSpan(0, (int)received.Length);
            if (data.Length >= HeaderLength)
            {
                header ??= ParseHeader(data[..HeaderLength]);
            }

            if (!data.EndsWith(EndMarker))
            {
                continue;
            }

            if (header is not { } known)
            {
                throw new BaoStockFrameException($"frame of {data.Length} bytes is shorter than the {HeaderLength}-byte header");
            }

            if (!CompressedTypes.Contains(known.MessageType) || data.Length >= HeaderLength + known.Declared + EndMarker.Length)
            {
                return data.ToArray();
            }
        }
    }

    /// <summary>Checks and opens one complete response frame.</summary>
    public static BaoStockMessage Decode(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < HeaderLength + EndMarker.Length || !frame.EndsWith(EndMarker))
        {
            throw new BaoStockFrameException("frame is too short or lacks the end marker");
        }

        var (messageType, declared) = ParseHeader(frame[..HeaderLength]);
        if (CompressedTypes.Contains(messageType))
        {
            return DecodeCompressed(frame, messageType, declared);
        }

        var wire = frame[HeaderLength..^EndMarker.Length];
        var split = wire.LastIndexOf((byte)Split);
        if (split < 0)
        {
            throw new BaoStockFrameException("frame has no CRC32 trailer");
        }

        var trailer = Encoding.ASCII.GetString(wire[(split + 1)..]);
        if (!uint.TryParse(trailer, NumberStyles.None, CultureInfo.InvariantCulture, out var sent))
        {
            throw new BaoStockFrameException($"CRC32 trailer '{Truncate(trailer)}' is not a number");
        }

        var computed = Crc32.HashToUInt32(frame[..(HeaderLength + split)]);
        if (sent != computed)
        {
            throw new BaoStockFrameException($"CRC32 mismatch: the frame says {sent}, its bytes give {computed}");
        }

        var text = Utf8(wire[..split]);
        return new BaoStockMessage(messageType, text.Split(Split), declared, CharacterCount(text), split);
    }

    /// <summary>The Python client takes the declared number of bytes as the zlib stream and does not check the CRC of a
    /// compressed frame (captured frames carry one that is not over header + compressed bytes), so neither do we.</summary>
    private static BaoStockMessage DecodeCompressed(ReadOnlySpan<byte> frame, string messageType, int declared)
    {
        if (HeaderLength + declared > frame.Length - EndMarker.Length)
        {
            throw new BaoStockFrameException($"the header declares a {declared}-byte compressed body but only {frame.Length - HeaderLength - EndMarker.Length} bytes arrived");
        }

        var text = Inflate(frame.Slice(HeaderLength, declared));
        return new BaoStockMessage(messageType, text.Split(Split), declared, CharacterCount(text), declared);
    }

    private static (string MessageType, int BodyLength) ParseHeader(ReadOnlySpan<byte> header)
    {
        var parts = Encoding.ASCII.GetString(header).Split(Split);
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length != 2 || !parts[1].All(char.IsAsciiDigit)
            || parts[2].Length != 10 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw new BaoStockFrameException($"bad frame header '{Truncate(Encoding.ASCII.GetString(header).Replace(Split, '|'))}'");
        }

        return (parts[1], length);
    }

    private static string Inflate(ReadOnlySpan<byte> body)
    {
        try
        {
            using var input = new MemoryStream(body.ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            return Utf8(output.GetBuffer().AsSpan(0, (int)output.Length));
        }
        catch (InvalidDataException ex)
        {
            throw new BaoStockFrameException("compressed body does not inflate: " + ex.Message, ex);
        }
    }

    private static string Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new BaoStockFrameException("body is not UTF-8", ex);
        }
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>A decoded response: its type, the <c>\x01</c>-separated body fields (error code and message first — in an
/// answer and in a type-04 error alike), and the body's declared length next to what it really holds.</summary>
public sealed record BaoStockMessage(string MessageType, IReadOnlyList<string> Fields, int DeclaredLength, int BodyCharacters, int BodyBytes)
{
    public string ErrorCode => Fields[0];

    public string ErrorMessage => Fields.Count > 1 ? Fields[1] : string.Empty;

    public bool IsError => MessageType == BaoStockWire.ErrorResponse || ErrorCode != "0";

    /// <summary>The server's convention: the header counts the body's characters (a compressed body's bytes, which is
    /// how it was sliced).</summary>
    public bool LengthAsDeclared => BaoStockWire.CompressedTypes.Contains(MessageType) || DeclaredLength == BodyCharacters;
}
