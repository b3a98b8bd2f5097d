using System.Globalization;
using System.Text.Json.Nodes;

namespace Coco.Connectors.GraphQLApi.Connectors;

/// <summary>A <see cref="ValidationError"/> as GraphQL clients see it: the field path in GraphQL (camelCase) names.</summary>
public sealed record GraphQLFieldError(string Field, string Message);
