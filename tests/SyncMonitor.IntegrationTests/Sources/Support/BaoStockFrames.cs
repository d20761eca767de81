using System.Globalization;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SyncMonitor.IntegrationTests.Sources.Support;

/// <summary>Answers written the way the public BaoStock server writes them. Built from what frames captured from
/// <c>public-api.baostock.com:10030</c> show (published with the test suite of an open-source .NET client,
/// simplerjiang/baostock.NET, <c>tests/Fixtures/*/response.bin</c>) and from the Python client's reader
/// (<c>util/socketutil.py</c>, <c>data/resultset.py</c>); no captured bytes are copied, only these conventions:
/// <list type="number">
/// <item>Header = server version <c>00.9.00</c> (every captured answer; the client sends 00.9.10) + <c>\x01</c> +
/// two-digit type + <c>\x01</c> + body length in ten digits.</item>
/// <item>The length counts <b>characters</b>: captured <c>query_stock_basic</c> for sh.600000 declares 162 for a
/// 170-byte body, <c>query_all_stock</c> 142,823 for 188,897 bytes; ASCII bodies agree (login: 43 and 43).</item>
/// <item>Trailer = <c>\x01</c> + CRC32 in decimal over the header and body <b>bytes</b> + <c>&lt;![CDATA[]]&gt;\n</c>.</item>
/// <item>Errors are type <c>04</c> with body <c>error_code\x01error_msg</c> (captured: an unknown message type answered
/// <c>10004020\x01错误的消息类型</c>, declared 16 for 30 bytes), on the same connection.</item>
/// </list></summary>
public static class BaoStockFrames
{
    public const string ServerVersion = "00.9.00";
    public const string Split = "\u0001";

    private static readonly JsonSerializerOptions RecordJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ReadOnlySpan<byte> EndMarker => "<![CDATA[]]>\n"u8;

    /// <summary>A whole answer frame (conventions 1–3). <paramref name="declaredLength"/> overrides the character count,
    /// to play a server that counts differently.</summary>
    public static byte[] Frame(string messageType, string body, int? declaredLength = null)
    {
        var length = declaredLength ?? body.EnumerateRunes().Count();
        var headBody = Encoding.UTF8.GetBytes($"{ServerVersion}{Split}{messageType}{Split}{length.ToString("D10", CultureInfo.InvariantCulture)}{body}");
        return [.. headBody, .. Encoding.ASCII.GetBytes(Split + Crc32.HashToUInt32(headBody).ToString(CultureInfo.InvariantCulture)), .. EndMarker];
    }

    /// <summary>Convention 4: a type-04 error frame.</summary>
    public static byte[] Error(string code, string message) => Frame("04", code + Split + message);

    /// <summary>Captured <c>login</c> answer: <c>0|success|login|anonymous|20260422163759563</c> (a millisecond timestamp).</summary>
    public static string LoginBody(string user, string timestamp) => Join("0", "success", "login", user, timestamp);

    /// <summary>Captured <c>logout</c> answer: <c>0|success|logout|anonymous|20260422163818112</c>.</summary>
    public static string LogoutBody(string user, string timestamp) => Join("0", "success", "logout", user, timestamp);

    /// <summary>A query answer as captured and as <c>resultset.py</c> reads it by position: error_code, error_msg, method,
    /// user, cur_page, per_page, data, the query's own arguments echoed, and last the field list (captured
    /// <c>query_stock_basic</c> writes it with spaces: <c>code, code_name, ipoDate, outDate, type, status</c>).</summary>
    public static string QueryBody(string method, string user, int page, int perPage, IReadOnlyList<string[]> rows,
        IReadOnlyList<string> arguments, string fields)
        => Join(["0", "success", method, user, Text(page), Text(perPage), Records(rows), .. arguments, fields]);

    /// <summary>The data field: compact JSON <c>{"record":[[…],…]}</c> with Chinese written as UTF-8, not escaped (as in
    /// captured <c>{"record":[["sh.600000","浦发银行","1999-11-10","","1","1"]]}</c>); an empty page is an empty field
    /// (captured <c>query_forecast_report</c> with no rows).</summary>
    public static string Records(IReadOnlyList<string[]> rows)
        => rows.Count == 0 ? string.Empty : JsonSerializer.Serialize(new { record = rows }, RecordJson);

    /// <summary>A compressed answer (the client's COMPRESSED_MESSAGE_TYPE_TUPLE, type 96): the header gives the zlib
    /// stream's length in bytes, which the client slices by; the captured trailer is <c>\x01</c> + digits + <c>\n</c>
    /// before the end marker.</summary>
    public static byte[] Compressed(string messageType, string body)
    {
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(Encoding.UTF8.GetBytes(body));
        }

        var compressed = packed.ToArray();
        byte[] headBody = [.. Encoding.ASCII.GetBytes($"{ServerVersion}{Split}{messageType}{Split}{compressed.Length:D10}"), .. compressed];
        return [.. headBody, .. Encoding.ASCII.GetBytes(Split + Crc32.HashToUInt32(headBody).ToString(CultureInfo.InvariantCulture) + "\n"), .. EndMarker];
    }

    public static string Join(params string[] fields) => string.Join(Split, fields);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
