namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// Bytes that may be held at one level (a subscription, a connection, the server), optionally inside a parent level
/// that must admit them too. An empty budget always admits: one event larger than the limit still reaches a client that
/// keeps up, so the limit bounds the backlog, not the size of an event. Thread-safe.
/// </summary>
internal sealed class ByteBudget(long limit, ByteBudget? parent = null)
{
    private long _used;

    public long Limit => limit;

    public long Used => Volatile.Read(ref _used);

    /// <summary>Whether <see cref="TryTake"/> would take <paramref name="bytes"/> at this level now.</summary>
    public bool HasRoomFor(long bytes)
    {
        var used = Volatile.Read(ref _used);
        return used == 0 || used + bytes <= limit;
    }

    /// <summary>
    /// Takes <paramref name="bytes"/> here and in every parent, or nothing when any level is full. With
    /// <paramref name="force"/> the bytes are taken whatever the limits (and still counted).
    /// </summary>
    public bool TryTake(long bytes, bool force = false)
    {
        long used;
        do
        {
            used = Volatile.Read(ref _used);
            if (!force && !(used == 0 || used + bytes <= limit))
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _used, used + bytes, used) != used);

        if (parent is null || parent.TryTake(bytes, force))
        {
            return true;
        }

        Interlocked.Add(ref _used, -bytes);
        return false;
    }

    /// <summary>Takes <paramref name="bytes"/> here and in every parent whatever the limits.</summary>
    public void Take(long bytes) => TryTake(bytes, force: true);

    /// <summary>Gives back what <see cref="TryTake"/> took, here and in every parent.</summary>
    public void Return(long bytes)
    {
        Interlocked.Add(ref _used, -bytes);
        parent?.Return(bytes);
    }
}
