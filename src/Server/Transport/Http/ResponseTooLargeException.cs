namespace Coco.Connectors.Server.Transport.Http;

/// <summary>The response body grew past <see cref="ResponseBuffer"/>'s ceiling.</summary>
internal sealed class ResponseTooLargeException() : Exception("The response is larger than allowed.");
