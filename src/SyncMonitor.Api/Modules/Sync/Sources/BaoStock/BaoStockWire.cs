using System.Globalization;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace SyncMonitor.Api.Modules.Sync.Sources.BaoStock;

/// <summary>BaoStock's framing, as its Python client speaks it (<c>util/socketutil.py</c>,
/// <c>data/messageheader.py</c>, <c>common/contants.py</c>). A request is
/// <c>header + body + \x01 + CRC32(header+body) + \n</c>; the header is the client version, the two-digit message
/// type and the body length in ten digits, separated by <c>\x01</c> (21 characters). A response ends with
/// <c>&lt;![CDATA[]]&gt;\n</c>; the bytes between header and marker are the body, optionally followed by
/// <c>\x01</c> and its CRC32 (checked when present). Bodies of the compressed message types are zlib streams.</summary>
public static class BaoStockWire
{
    public const char Split = '\x01';
    public const int HeaderLength = 21;

    public const string LoginRequest = "00";
    public const string LoginResponse = "01";
    public const string LogoutRequest = "02";
    public const string LogoutResponse = "03";
    public const string Exception = "04";
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

    public static byte[] EncodeRequest(string clientVersion, string messageType, string body)
    {
        var bodyBytes = StrictUtf8.GetBytes(body);
        var headBody = StrictUtf8.GetBytes(Header(clientVersion, messageType, bodyBytes.Length)).Concat(bodyBytes).ToArray();
        var trailer = StrictUtf8.GetBytes(Split + Crc32.HashToUInt32(headBody).ToString(CultureInfo.InvariantCulture) + "\n");
        return [.. headBody, .. trailer];
    }

    public static string Header(string clientVersion, string messageType, int bodyLength)
        => string.Create(CultureInfo.InvariantCulture, $"{clientVersion}{Split}{messageType}{Split}{bodyLength:D10}");

    /// <summary>Reads one response: at least the declared body after the header, up to the end marker.</summary>
    public static async Task<byte[]> ReadFrameAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        using var received = new MemoryStream();
        var chunk = new byte[8192];
        int? declaredLength = null;
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
            var complete = data.EndsWith(EndMarker);
            if (data.Length < HeaderLength)
            {
                if (complete)
                {
                    throw new BaoStockFrameException($"frame of {data.Length} bytes is shorter than the {HeaderLength}-byte header");
                }

                continue;
            }

            declaredLength ??= ParseHeader(data[..HeaderLength]).BodyLength;
            if (complete && data.Length - HeaderLength >= declaredLength)
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
        var wire = frame[HeaderLength..^EndMarker.Length];
        var body = BodyOf(frame, wire, declared);
        var text = CompressedTypes.Contains(messageType) ? Inflate(body) : Utf8(body);
        return new BaoStockMessage(messageType, text.Split(Split));
    }

    private static ReadOnlySpan<byte> BodyOf(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> wire, int declared)
    {
        // The declared length may or may not count the end marker; without a CRC trailer the body is all of it.
        if (declared == wire.Length || declared == wire.Length + EndMarker.Length)
        {
            return wire;
        }

        if (declared < wire.Length && wire[declared] == Split)
        {
            var trailer = Encoding.ASCII.GetString(wire[(declared + 1)..]);
            if (!uint.TryParse(trailer, NumberStyles.None, CultureInfo.InvariantCulture, out var sent))
            {
                throw new BaoStockFrameException($"CRC32 trailer '{Truncate(trailer)}' is not a number");
            }

            var computed = Crc32.HashToUInt32(frame[..(HeaderLength + declared)]);
            return sent == computed
                ? wire[..declared]
                : throw new BaoStockFrameException($"CRC32 mismatch: the frame says {sent}, its bytes give {computed}");
        }

        throw new BaoStockFrameException($"the header declares a {declared}-byte body but {wire.Length} bytes arrived");
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

/// <summary>A decoded response: its type and the <c>\x01</c>-separated body fields (error code and message first).</summary>
public sealed record BaoStockMessage(string MessageType, IReadOnlyList<string> Fields)
{
    public string ErrorCode => Fields[0];

    public string ErrorMessage => Fields.Count > 1 ? Fields[1] : string.Empty;
}
