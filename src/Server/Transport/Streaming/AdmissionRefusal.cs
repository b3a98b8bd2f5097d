namespace Coco.Connectors.Server.Transport.Streaming;

/// <summary>Why <see cref="StreamingAdmission"/> refused one more stream.</summary>
internal enum AdmissionRefusal
{
    None,

    /// <summary>This client holds as many as it may (→ 429, WebSocket close 4429).</summary>
    ClientLimit,

    /// <summary>The server holds as many as it may from all clients (→ 503, WebSocket close 1013).</summary>
    ServerLimit,
}
