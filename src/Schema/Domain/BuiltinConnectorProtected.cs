namespace Coco.Connectors.Domain;

public sealed record BuiltinConnectorProtected(string Id, string Reason) : ConnectorError(Reason);
