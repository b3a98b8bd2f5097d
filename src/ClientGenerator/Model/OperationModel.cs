namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>One operation: its client method, variables, result record and the document sent to the server.</summary>
internal sealed record OperationModel(
    string Name,
    OperationKind Kind,
    ObjectShape Result,
    IReadOnlyList<VariableModel> Variables,
    string Document,
    string SourcePath);
