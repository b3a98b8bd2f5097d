namespace Coco.Connectors.Connectors;

/// <summary>Why a write was refused. Each kind becomes a typed GraphQL error and a REST status code.</summary>
public abstract record ConnectorError(string Message);

/// <summary>A field of the input is missing, of the wrong type or out of range.</summary>
public sealed record FieldInvalid(string Field, string Reason) : ConnectorError($"{Field}: {Reason}");

public sealed record ConnectorNotFound(string Id) : ConnectorError($"connector [{Id}] not found");

public sealed record DuplicateConnectorId(string Id) : ConnectorError($"connector [{Id}] already exists");

public sealed record BuiltinConnectorProtected(string Id, string Reason) : ConnectorError(Reason);

public sealed record VersionConflict(string Id, int ExpectedVersion, int ActualVersion)
    : ConnectorError($"connector [{Id}] is at version {ActualVersion}, not the expected {ExpectedVersion}");

/// <summary>The outcome of one write: the connector as stored (unmasked), or the reasons it was refused.</summary>
public sealed record WriteResult(Connector? Connector, IReadOnlyList<ConnectorError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static WriteResult Ok(Connector connector) => new(connector, []);

    public static WriteResult Fail(params ConnectorError[] errors) => new(null, errors);

    public static WriteResult Fail(IReadOnlyList<ConnectorError> errors) => new(null, errors);
}
