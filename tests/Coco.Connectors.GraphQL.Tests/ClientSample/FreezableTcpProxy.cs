using System.Net;
using System.Net.Sockets;

namespace Coco.Connectors.Tests.ClientSample;

/// <summary>
/// A loopback TCP proxy in front of the real server that can freeze the connections open so far: bytes stop in
/// both directions while the sockets stay open, as on a dead network path. New connections pass normally.
/// </summary>
public sealed class FreezableTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Link> _links = [];
    private readonly Task _accepting;

    public FreezableTcpProxy(int targetPort)
    {
        _listener.Start();
        _accepting = AcceptAsync(targetPort);
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public void FreezeOpenConnections()
    {
        lock (_links)
        {
            _links.ForEach(l => l.Frozen = true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_links)
        {
            _links.ForEach(l => l.Dispose());
        }

        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync(int targetPort)
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

            var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, targetPort, _stop.Token);
            var link = new Link(client, server);
            lock (_links)
            {
                _links.Add(link);
            }

            _ = link.PumpAsync(client, server, _stop.Token);
            _ = link.PumpAsync(server, client, _stop.Token);
        }
    }

    private sealed class Link(TcpClient client, TcpClient server) : IDisposable
    {
        public volatile bool Frozen;

        public async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken stop)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    var read = await from.GetStream().ReadAsync(buffer, stop);
                    if (read == 0)
                    {
                        break;
                    }

                    if (Frozen)
                    {
                        await Task.Delay(Timeout.Infinite, stop); // held until the proxy is disposed
                    }

                    await to.GetStream().WriteAsync(buffer.AsMemory(0, read), stop);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The other side or the proxy closed.
            }
            finally
            {
                Dispose();
            }
        }

        public void Dispose()
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
