using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// A WebSocket client that costs the benchmark as little as possible per message, so that the server's cost is what a
/// fan-out measures on a machine where client and server share the cores: a plain socket, the upgrade written by hand,
/// a frame reader that only looks for a marker in a text frame's bytes (no JSON parsing, no per-message objects
/// besides what a fragmented message needs). With <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> (fanout.sh sets
/// it for this process only) every receive continues on the socket engine's thread: thousands of sockets per thread.
/// </summary>
sealed class RawSubscriber : IDisposable
{
    private static readonly byte[] MaskKey = [0x12, 0x34, 0x56, 0x78];
    private static readonly byte[] PingType = "\"type\":\"ping\""u8.ToArray();
    private static readonly byte[] PongMessage = """{"type":"pong"}"""u8.ToArray();
    private readonly Socket _socket;
    private byte[] _buffer = new byte[1024];
    private int _start;
    private int _end;
    private byte[]? _message; // a fragmented message being assembled
    private int _messageLength;

    private RawSubscriber(Socket socket) => _socket = socket;

    /// <summary>Connects and upgrades to a WebSocket on <paramref name="path"/>, with <paramref name="subprotocol"/> if given.</summary>
    public static async Task<RawSubscriber> ConnectAsync(int port, string path, string? subprotocol)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        var subscriber = new RawSubscriber(socket);
        var request = $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
            (subprotocol is null ? "" : $"Sec-WebSocket-Protocol: {subprotocol}\r\n") + "\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        while (true)
        {
            var end = subscriber._buffer.AsSpan(0, subscriber._end).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                if (!subscriber._buffer.AsSpan(0, end).StartsWith("HTTP/1.1 101"u8))
                {
                    throw new InvalidOperationException("upgrade refused: " + Encoding.ASCII.GetString(subscriber._buffer, 0, end));
                }

                subscriber._start = end + 4;
                return subscriber;
            }

            await subscriber.FillAsync();
        }
    }

    /// <summary>A graphql-transport-ws subscriber: connects, inits, waits for the ack and subscribes with id 1.</summary>
    public static async Task<RawSubscriber> SubscribeAsync(int port, string query)
    {
        var subscriber = await ConnectAsync(port, "/graphql", "graphql-transport-ws");
        await subscriber.SendTextAsync("""{"type":"connection_init"}"""u8.ToArray());
        if (!await subscriber.WaitForAsync("connection_ack"u8.ToArray()))
        {
            throw new InvalidOperationException("no connection_ack");
        }

        var subscribe = $$$"""{"id":"1","type":"subscribe","payload":{"query":{{{System.Text.Json.JsonSerializer.Serialize(query)}}}}}""";
        await subscriber.SendTextAsync(Encoding.UTF8.GetBytes(subscribe));
        return subscriber;
    }

    /// <summary>
    /// Reads messages until a text message containing <paramref name="marker"/>; false when the socket closes first.
    /// Pings are answered.
    /// </summary>
    public async Task<bool> WaitForAsync(byte[] marker)
    {
        while (await ReadMessageAsync() is { } message)
        {
            if (message.Span.IndexOf(marker) >= 0)
            {
                return true;
            }

            if (message.Span.IndexOf(PingType) >= 0)
            {
                await SendTextAsync(PongMessage);
            }
        }

        return false;
    }

    /// <summary>Sends one masked text frame (clients must mask).</summary>
    public Task SendTextAsync(byte[] payload)
    {
        var header = payload.Length < 126 ? 6 : 8;
        var frame = new byte[header + payload.Length];
        frame[0] = 0x81;
        if (payload.Length < 126)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), checked((ushort)payload.Length));
        }

        MaskKey.CopyTo(frame, header - 4);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[header + i] = (byte)(payload[i] ^ MaskKey[i & 3]);
        }

        return _socket.SendAsync(frame, SocketFlags.None);
    }

    // The payload of the next complete text message, or null on close. Valid until the next read.
    private async ValueTask<ReadOnlyMemory<byte>?> ReadMessageAsync()
    {
        _messageLength = 0;
        while (true)
        {
            bool fin;
            int opcode, payloadStart, payloadLength;
            while (!TryFrame(out fin, out opcode, out payloadStart, out payloadLength))
            {
                if (!await FillAsync())
                {
                    return null;
                }
            }

            var payload = _buffer.AsMemory(payloadStart, payloadLength);
            _start = payloadStart + payloadLength;
            switch (opcode)
            {
                case 0x8:
                    return null;
                case 0x9 or 0xA:
                    continue; // control frames: a ping needs no answer for the length of a measurement
            }

            if (fin && _messageLength == 0)
            {
                return payload;
            }

            if (_message is null || _message.Length < _messageLength + payloadLength)
            {
                Array.Resize(ref _message, Math.Max(4096, 2 * (_messageLength + payloadLength)));
            }

            payload.CopyTo(_message.AsMemory(_messageLength));
            _messageLength += payloadLength;
            if (fin)
            {
                return _message.AsMemory(0, _messageLength);
            }
        }
    }

    private bool TryFrame(out bool fin, out int opcode, out int payloadStart, out int payloadLength)
    {
        fin = false;
        opcode = 0;
        payloadStart = 0;
        payloadLength = 0;
        var available = _buffer.AsSpan(_start, _end - _start);
        if (available.Length < 2)
        {
            return false;
        }

        fin = (available[0] & 0x80) != 0;
        opcode = available[0] & 0x0F;
        var length = (long)(available[1] & 0x7F);
        var header = 2;
        if (length == 126)
        {
            if (available.Length < 4)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(available[2..]);
            header = 4;
        }
        else if (length == 127)
        {
            if (available.Length < 10)
            {
                return false;
            }

            length = (long)BinaryPrimitives.ReadUInt64BigEndian(available[2..]);
            header = 10;
        }

        if (available.Length < header + length)
        {
            // Make room for the whole frame at the start of the buffer.
            if (_buffer.Length < header + length)
            {
                var bigger = new byte[Math.Max(_buffer.Length * 2, header + (int)length)];
                available.CopyTo(bigger);
                _buffer = bigger;
            }
            else
            {
                available.CopyTo(_buffer);
            }

            _end = available.Length;
            _start = 0;
            return false;
        }

        payloadStart = _start + header;
        payloadLength = (int)length;
        return true;
    }

    private async ValueTask<bool> FillAsync()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_start == 0)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            else
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None);
        _end += read;
        return read > 0;
    }

    public void Dispose() => _socket.Dispose();
}
