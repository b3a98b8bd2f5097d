namespace Coco.Connectors.Domain;

public sealed record ConnectorNotFound(string Id) : ConnectorError($"connector [{Id}] not found");
