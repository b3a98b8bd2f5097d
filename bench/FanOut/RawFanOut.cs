using System.Diagnostics;
using System.Text;

/// <summary>
/// One write to many <see cref="RawSubscriber"/>s: the time from the write until every subscriber has a message that
/// carries the write's marker, and the CPU the server processes spent meanwhile.
/// </summary>
static class RawFanOut
{
    public const string Query = "subscription { onConnectorUpdated(id: \"fanout\") { id version name } }";

    /// <summary>One measured write: wall time, server CPU (both in ms) and how many subscribers got it.</summary>
    public readonly record struct Sample(double Milliseconds, double CpuMilliseconds, int Delivered);

    /// <summary><paramref name="n"/> subscribers, spread round-robin over the servers on <paramref name="ports"/>.</summary>
    public static async Task<RawSubscriber[]> SubscribeAsync(int[] ports, int n, string query)
    {
        var subscribers = new RawSubscriber[n];
        using var gate = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                subscribers[i] = await RawSubscriber.SubscribeAsync(ports[i % ports.Length], query);
            }
            finally
            {
                gate.Release();
            }
        }));
        return subscribers;
    }

    /// <summary><paramref name="n"/> plain WebSockets on the bare broadcast server.</summary>
    public static async Task<RawSubscriber[]> SubscribeBareAsync(int port, int n)
    {
        var sockets = new RawSubscriber[n];
        using var gate = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                sockets[i] = await RawSubscriber.ConnectAsync(port, "/ws", null);
            }
            finally
            {
                gate.Release();
            }
        }));
        return sockets;
    }

    /// <summary>
    /// Starts waiting on every subscriber for <c>"name":"<paramref name="name"/>"</c>, runs <paramref name="write"/>,
    /// and measures until all have it (or closed).
    /// </summary>
    public static async Task<Sample> MeasureAsync(RawSubscriber[] subscribers, string name, Process[] servers, Func<Task> write)
    {
        var marker = Encoding.UTF8.GetBytes($"\"name\":\"{name}\"");
        var cpu = servers.Sum(ServerProcess.CpuMilliseconds);
        var started = Stopwatch.GetTimestamp();
        var waits = subscribers.Select(s => s.WaitForAsync(marker)).ToArray();
        await write();
        var received = await Task.WhenAll(waits);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return new Sample(elapsed, servers.Sum(ServerProcess.CpuMilliseconds) - cpu, received.Count(r => r));
    }

    /// <summary>
    /// Writes until every subscriber has had an event: a subscription attaches some time after its subscribe message
    /// (longer on a loaded machine), and a write before that is not its own. Returns once all are attached.
    /// </summary>
    public static async Task AttachAsync(RawSubscriber[] subscribers, Func<string, Task> write)
    {
        var marker = "\"name\":\"attach "u8.ToArray();
        var attached = subscribers.Select(s => s.WaitForAsync(marker)).ToArray();
        var all = Task.WhenAll(attached);
        for (var attempt = 0; ; attempt++)
        {
            await write($"attach {attempt}");
            if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(3))) == all)
            {
                return;
            }
        }
    }

    /// <summary>The median time and CPU of the samples, and the fewest delivered.</summary>
    public static Sample Median(IReadOnlyList<Sample> samples)
    {
        static double Middle(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        return new Sample(Middle(samples.Select(s => s.Milliseconds)), Middle(samples.Select(s => s.CpuMilliseconds)), samples.Min(s => s.Delivered));
    }

    public static void Close(IEnumerable<RawSubscriber> subscribers)
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.Dispose();
        }
    }
}
