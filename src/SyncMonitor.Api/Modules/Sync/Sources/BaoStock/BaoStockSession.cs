using System.Globalization;
using System.Net.Sockets;

namespace SyncMonitor.Api.Modules.Sync.Sources.BaoStock;

/// <summary>One conversation with the BaoStock server: connect, log in, query page by page, log out. Sessions are
/// short-lived — one per source call — so a broken connection never outlives the attempt that saw it.</summary>
internal sealed partial class BaoStockSession : IAsyncDisposable
{
    private const int MaxPages = 1000;

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly BaoStockOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private BaoStockSession(TcpClient tcp, BaoStockOptions options, TimeProvider time, ILogger logger)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _options = options;
        _time = time;
        _logger = logger;
    }

    public static async Task<BaoStockSession> OpenAsync(BaoStockOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(options.Host, options.Port, cancellationToken);
            var session = new BaoStockSession(tcp, options, time, logger);
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

    /// <summary>Runs a paged query. The request body is <c>method, user, cur_page, per_page, args…</c>; the answer's is
    /// <c>error_code, error_msg, method, user, cur_page, per_page, data, args…, fields</c>. Pages follow while a page
    /// holds as many rows as the answer's <c>per_page</c> (the Python client's rule; a whole-market list of about
    /// 5,600 rows fits one page of 10,000). The answer must be the page asked for and list every required field.</summary>
    public async Task<BaoStockTable> QueryAsync(string method, string requestType, string responseType, IReadOnlyList<string> arguments,
        IReadOnlyCollection<string> requiredFields, CancellationToken cancellationToken)
    {
        var rows = new List<string[]>();
        IReadOnlyList<string>? fields = null;
        for (var page = 1; page <= MaxPages; page++)
        {
            string[] request = [method, _options.User, page.ToString(CultureInfo.InvariantCulture),
                _options.PerPageCount.ToString(CultureInfo.InvariantCulture), .. arguments];
            var message = await ExchangeAsync(requestType, string.Join(BaoStockWire.Split, request), responseType, cancellationToken);
            var answer = PageAnswer.Read(method, page, message);
            fields ??= RequireFields(method, answer.Fields, requiredFields);
            rows.AddRange(answer.Rows);
            if (answer.Rows.Count == 0 || answer.Rows.Count < answer.PerPage)
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
        if (!message.LengthAsDeclared)
        {
            LogLengthHint(_logger, message.MessageType, message.DeclaredLength, message.BodyCharacters, message.BodyBytes);
        }

        if (message.IsError)
        {
            throw new BaoStockServerException(message.ErrorCode, message.ErrorMessage);
        }

        return message.MessageType == responseType
            ? message
            : throw new BaoStockFrameException($"expected message type {responseType}, got {message.MessageType}");
    }

    private static IReadOnlyList<string> RequireFields(string method, IReadOnlyList<string> fields, IReadOnlyCollection<string> required)
    {
        var missing = required.Where(f => !fields.Contains(f, StringComparer.Ordinal)).ToList();
        return missing.Count == 0
            ? fields
            : throw new BaoStockFrameException($"{method} answered without the field(s) {string.Join(", ", missing)} (got: {string.Join(", ", fields)})",
                transient: false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "BaoStock frame of type {MessageType} declares a {Declared}-long body that holds {Characters} characters ({Bytes} bytes); the length is only a hint")]
    private static partial void LogLengthHint(ILogger logger, string messageType, int declared, int characters, int bytes);
}
