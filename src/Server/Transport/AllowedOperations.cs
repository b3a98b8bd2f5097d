using System.Globalization;
using Coco.Connectors.Domain;
using Coco.Connectors.GraphQLApi.Limits;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Rules;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Coco.Connectors.Server.Transport;

/// <summary>Which operation types a transport may run (e.g. GET runs queries only).</summary>
[Flags]
public enum AllowedOperations
{
    Query = 1,
    Mutation = 2,
    Subscription = 4,
    QueryAndMutation = Query | Mutation,
    All = Query | Mutation | Subscription,
}
