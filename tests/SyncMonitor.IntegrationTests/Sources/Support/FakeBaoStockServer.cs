using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Hashing;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SyncMonitor.IntegrationTests.Sources.Support;

/// <summary>A TCP listener on loopback that reads BaoStock request frames (checking their CRC32 itself) and answers
/// each through <see cref="Handler"/>: recorded frames, or a misbehaviour (silence, a truncated frame, a hang-up).</summary>
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

    /// <summary>One request: header + body + \x01 + CRC32 + \n.</summary>
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
        var length = int.Parse(header[2], CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetString(frame, 21, length);
        var crc = Encoding.ASCII.GetString(frame, 21 + length + 1, frame.Length - 21 - length - 1);
        var crcValid = crc == Crc32.HashToUInt32(frame.AsSpan(0, 21 + length)).ToString(CultureInfo.InvariantCulture);
        return new BaoStockRequest(header[0], header[1], body.Split('\x01'), crcValid);
    }
}

public sealed record BaoStockRequest(string Version, string MessageType, IReadOnlyList<string> Fields, bool CrcValid)
{
    public string Method => Fields[0];

    public int Page => int.Parse(Fields[2], CultureInfo.InvariantCulture);
}

public sealed record BaoStockReply(byte[] Bytes, TimeSpan Delay = default, bool HangUp = false)
{
    public static BaoStockReply Frame(string fixture) => new(Fixtures.Bytes("baostock/" + fixture));

    /// <summary>The first half of a recorded frame, then the connection closes.</summary>
    public static BaoStockReply Truncated(string fixture)
    {
        var bytes = Fixtures.Bytes("baostock/" + fixture);
        return new BaoStockReply(bytes[..(bytes.Length / 2)], HangUp: true);
    }

    /// <summary>A recorded frame whose CRC32 trailer is off by one.</summary>
    public static BaoStockReply BadCrc(string fixture)
    {
        var text = Encoding.UTF8.GetString(Fixtures.Bytes("baostock/" + fixture));
        var split = text.LastIndexOf('\x01');
        var marker = text.IndexOf("<![CDATA[]]>", split, StringComparison.Ordinal);
        var crc = ulong.Parse(text[(split + 1)..marker], CultureInfo.InvariantCulture);
        return new BaoStockReply(Encoding.UTF8.GetBytes(text[..(split + 1)] + (crc + 1).ToString(CultureInfo.InvariantCulture) + text[marker..]));
    }

    public static BaoStockReply Silence() => new([], Delay: TimeSpan.FromMinutes(5));
}
