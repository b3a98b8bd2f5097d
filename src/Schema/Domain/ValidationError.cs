namespace Coco.Connectors.Domain;

/// <summary>A field of the input is missing, of the wrong type or out of range.</summary>
public sealed record ValidationError(string Field, string Reason) : ConnectorError($"{Field}: {Reason}");
