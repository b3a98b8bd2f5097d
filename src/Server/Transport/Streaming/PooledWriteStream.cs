using System.Buffers;
using Coco.Connectors.Server.Transport.Http;

namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>
/// A write-only stream into one buffer rented from the array pool, grown as needed: serializing a large result through
/// it allocates nothing but the exact-size copy taken at the end (no intermediate string, no doubling arrays left for
/// the garbage collector's large object heap). Writing past <c>maxBytes</c> throws <see cref="ResponseTooLargeException"/>.
/// </summary>
internal sealed class PooledWriteStream(long maxBytes = long.MaxValue) : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>What was written, as a new array of exactly that length.</summary>
    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_length + (long)buffer.Length > maxBytes)
        {
            throw new ResponseTooLargeException();
        }

        if (_length + buffer.Length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + buffer.Length));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _length >= 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = -1;
        }

        base.Dispose(disposing);
    }
}
