namespace Coco.Connectors.Domain;

/// <summary>The outcome of one write: the connector as stored (unmasked), or the reasons it was refused.</summary>
public sealed record WriteResult(Connector? Connector, IReadOnlyList<ConnectorError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static WriteResult Ok(Connector connector) => new(connector, []);

    public static WriteResult Fail(params ConnectorError[] errors) => new(null, errors);

    public static WriteResult Fail(IReadOnlyList<ConnectorError> errors) => new(null, errors);
}
