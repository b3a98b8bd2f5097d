namespace Coco.Connectors.Server.Transport.Http;

/// <summary>
/// Holds a response body in memory up to a ceiling, so the status code can still be chosen when the body turns out
/// too large (nothing has been sent yet). Writing past the ceiling throws <see cref="ResponseTooLargeException"/>.
/// </summary>
internal sealed class ResponseBuffer(long maxBytes) : MemoryStream
{
    public override void Write(byte[] buffer, int offset, int count)
    {
        Check(count);
        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Check(buffer.Length);
        base.Write(buffer);
    }

    public override void WriteByte(byte value)
    {
        Check(1);
        base.WriteByte(value);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Check(count);
        return base.WriteAsync(buffer, offset, count, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Check(buffer.Length);
        return base.WriteAsync(buffer, cancellationToken);
    }

    private void Check(int count)
    {
        if (Length + count > maxBytes)
        {
            throw new ResponseTooLargeException();
        }
    }
}
