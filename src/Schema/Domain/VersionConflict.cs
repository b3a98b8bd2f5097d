namespace Coco.Connectors.Domain;

public sealed record VersionConflict(string Id, int ExpectedVersion, int ActualVersion)
    : ConnectorError($"connector [{Id}] is at version {ActualVersion}, not the expected {ExpectedVersion}");
