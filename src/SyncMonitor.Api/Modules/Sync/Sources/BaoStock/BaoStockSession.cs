using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;

namespace SyncMonitor.Api.Modules.Sync.Sources.BaoStock;

/// <summary>One conversation with the BaoStock server: connect, log in, query page by page, log out. Sessions are
/// short-lived — one per source call — so a broken connection never outlives the attempt that saw it.</summary>
internal sealed class BaoStockSession : IAsyncDisposable
{
    private const int MaxPages = 1000;

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly BaoStockOptions _options;
    private readonly TimeProvider _time;

    private BaoStockSession(TcpClient tcp, BaoStockOptions options, TimeProvider time)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _options = options;
        _time = time;
    }

    public static async Task<BaoStockSession> OpenAsync(BaoStockOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(options.Host, options.Port, cancellationToken);
            var session = new BaoStockSession(tcp, options, time);
            var body = string.Join(BaoStockWire.Split, "login", options.User, options.Password, "0");
            await session.ExchangeAsync(BaoStockWire.LoginRequest, body, BaoStockWire.LoginResponse, cancellationToken);
            return session;
        }
        catch
        {
            tcp.Dispose(); // the session never formed; nothing else owns the socket
            throw;
        }
    }

    /// <summary>Runs a paged query (<c>method, user, page, per_page, args…</c>) and returns every page's rows with
    /// the field names the server listed last in the body.</summary>
    public async Task<BaoStockTable> QueryAsync(string method, string requestType, string responseType, IReadOnlyList<string> arguments,
        CancellationToken cancellationToken)
    {
        var rows = new List<string[]>();
        IReadOnlyList<string>? fields = null;
        for (var page = 1; page <= MaxPages; page++)
        {
            string[] request = [method, _options.User, page.ToString(CultureInfo.InvariantCulture),
                _options.PerPageCount.ToString(CultureInfo.InvariantCulture), .. arguments];
            var message = await ExchangeAsync(requestType, string.Join(BaoStockWire.Split, request), responseType, cancellationToken);
            if (message.Fields.Count < 8)
            {
                throw new BaoStockFrameException($"{method} response has {message.Fields.Count} fields, expected at least 8");
            }

            fields ??= message.Fields[^1].Split(',').Select(f => f.Trim()).ToArray();
            var pageRows = Records(message.Fields[6]);
            rows.AddRange(pageRows);
            if (pageRows.Count < _options.PerPageCount)
            {
                return new BaoStockTable(fields, rows);
            }
        }

        throw new BaoStockFrameException($"{method} still returned full pages after {MaxPages} pages");
    }

    /// <summary>Says goodbye; the data is already in hand, so a failed logout is not the caller's failure.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetLocalNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        try
        {
            await ExchangeAsync(BaoStockWire.LogoutRequest, string.Join(BaoStockWire.Split, "logout", _options.User, now),
                BaoStockWire.LogoutResponse, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or BaoStockFrameException or BaoStockServerException)
        {
            // deliberately ignored: the server drops idle sessions itself
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task<BaoStockMessage> ExchangeAsync(string requestType, string body, string responseType, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(BaoStockWire.EncodeRequest(_options.ClientVersion, requestType, body), cancellationToken);
        var frame = await BaoStockWire.ReadFrameAsync(_stream, _options.MaxResponseBytes, cancellationToken);
        var message = BaoStockWire.Decode(frame);
        if (message.ErrorCode != "0")
        {
            throw new BaoStockServerException(message.ErrorCode, message.ErrorMessage);
        }

        return message.MessageType == responseType
            ? message
            : throw new BaoStockFrameException($"expected message type {responseType}, got {message.MessageType}");
    }

    /// <summary>The data field: <c>{"record": [["sh.600000", "浦发银行", …], …]}</c>, or empty for no rows.</summary>
    private static List<string[]> Records(string data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return [];
        }

        using var document = JsonDocument.Parse(data);
        if (!document.RootElement.TryGetProperty("record", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("data has no record array");
        }

        return records.EnumerateArray()
            .Select(row => row.EnumerateArray().Select(cell => cell.ValueKind == JsonValueKind.Null ? string.Empty : cell.ToString()).ToArray())
            .ToList();
    }
}

/// <summary>Rows of one query, read by field name.</summary>
internal sealed class BaoStockTable(IReadOnlyList<string> fields, IReadOnlyList<string[]> rows)
{
    public IReadOnlyList<string[]> Rows { get; } = rows;

    public string? Value(string[] row, string field)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] == field)
            {
                return i < row.Length ? row[i] : null;
            }
        }

        return null;
    }
}
