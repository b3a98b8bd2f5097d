namespace Coco.Connectors.Server.Rest.OpenApi;

/// <summary>The <c>processor</c> object of a connector document.</summary>
public sealed record CocoProcessorSchema(bool? Enabled = null, string? Name = null);
