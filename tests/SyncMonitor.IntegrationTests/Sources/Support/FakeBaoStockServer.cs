using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Hashing;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SyncMonitor.IntegrationTests.Sources.Support;

/// <summary>A TCP listener on loopback that reads BaoStock request frames (checking their CRC32 and declared length
/// itself) and answers each on the same connection through <see cref="Handler"/> — usually a
/// <see cref="FakeBaoStockService"/>, or a misbehaviour (silence, a truncated frame, a hang-up).</summary>
public sealed class FakeBaoStockServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    public FakeBaoStockServer(Func<BaoStockRequest, BaoStockReply> handler)
    {
        Handler = handler;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Func<BaoStockRequest, BaoStockReply> Handler { get; set; }

    public ConcurrentQueue<BaoStockRequest> Requests { get; } = new();

    public int Connections => Volatile.Read(ref _connections);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                while (await ReadRequestAsync(stream) is { } request)
                {
                    Requests.Enqueue(request);
                    var reply = Handler(request);
                    if (reply.Delay > TimeSpan.Zero)
                    {
                        await Task.Delay(reply.Delay, _stop.Token);
                    }

                    await stream.WriteAsync(reply.Bytes, _stop.Token);
                    if (reply.HangUp)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // the client went away mid-conversation, as timeout tests make it do
            }
        }
    }

    /// <summary>One request as the Python client writes it: header + body + \x01 + CRC32 + \n, the header's length
    /// counting the body's characters.</summary>
    private async Task<BaoStockRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                return null;
            }

            if (one[0] == (byte)'\n')
            {
                break;
            }

            bytes.Add(one[0]);
        }

        var frame = bytes.ToArray();
        var header = Encoding.ASCII.GetString(frame, 0, 21).Split('\x01');
        var split = Array.LastIndexOf(frame, (byte)1);
        var body = Encoding.UTF8.GetString(frame, 21, split - 21);
        var crc = Encoding.ASCII.GetString(frame, split + 1, frame.Length - split - 1);
        var crcValid = crc == Crc32.HashToUInt32(frame.AsSpan(0, split)).ToString(CultureInfo.InvariantCulture);
        return new BaoStockRequest(header[0], header[1], body.Split('\x01'), crcValid,
            int.Parse(header[2], CultureInfo.InvariantCulture), body.EnumerateRunes().Count());
    }
}

/// <param name="DeclaredLength">The header's body length.</param>
/// <param name="BodyCharacters">The body's characters — what the Python client declares (<c>len(msg_body)</c>).</param>
public sealed record BaoStockRequest(string Version, string MessageType, IReadOnlyList<string> Fields, bool CrcValid,
    int DeclaredLength, int BodyCharacters)
{
    public string Method => Fields[0];

    public int Page => int.Parse(Fields[2], CultureInfo.InvariantCulture);

    public int PerPage => int.Parse(Fields[3], CultureInfo.InvariantCulture);
}

public sealed record BaoStockReply(byte[] Bytes, TimeSpan Delay = default, bool HangUp = false)
{
    public static BaoStockReply Frame(byte[] frame) => new(frame);

    /// <summary>The first half of a frame, then the connection closes.</summary>
    public static BaoStockReply Truncated(byte[] frame) => new(frame[..(frame.Length / 2)], HangUp: true);

    /// <summary>A frame whose CRC32 trailer is off by one.</summary>
    public static BaoStockReply BadCrc(byte[] frame)
    {
        var text = Encoding.UTF8.GetString(frame);
        var split = text.LastIndexOf('\x01');
        var marker = text.IndexOf("<![CDATA[]]>", split, StringComparison.Ordinal);
        var crc = ulong.Parse(text[(split + 1)..marker], CultureInfo.InvariantCulture);
        return new BaoStockReply(Encoding.UTF8.GetBytes(text[..(split + 1)] + (crc + 1).ToString(CultureInfo.InvariantCulture) + text[marker..]));
    }

    public static BaoStockReply Silence() => new([], Delay: TimeSpan.FromMinutes(5));
}
