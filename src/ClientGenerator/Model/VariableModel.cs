namespace Coco.Connectors.ClientGenerator.Model;

/// <summary>An operation variable; optional ones (nullable or defaulted) are left out of the request when null.</summary>
internal sealed record VariableModel(string GraphQLName, string ParameterName, TypeRef Type, bool Required);
