namespace Coco.Connectors.Domain;

public sealed record DuplicateConnectorId(string Id) : ConnectorError($"connector [{Id}] already exists");
