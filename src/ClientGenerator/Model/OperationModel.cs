namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>One operation: its client method, variables, result record and the document sent to the server.</summary>
internal sealed record OperationModel(
    string Name,
    OperationKind Kind,
    ObjectShape Result,
    IReadOnlyList<VariableModel> Variables,
    string Document,
    string SourcePath);

internal enum OperationKind
{
    Query,
    Mutation,
    Subscription,
}

/// <summary>An operation variable; optional ones (nullable or defaulted) are left out of the request when null.</summary>
internal sealed record VariableModel(string GraphQLName, string ParameterName, TypeRef Type, bool Required);
