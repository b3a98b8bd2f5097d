namespace Coco.Connectors.Domain;

/// <summary>Why a write was refused. Each kind becomes a typed GraphQL error and a REST status code.</summary>
public abstract record ConnectorError(string Message);
