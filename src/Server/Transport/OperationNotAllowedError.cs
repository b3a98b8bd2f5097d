using System.Globalization;
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

public sealed class OperationNotAllowedError : ValidationError
{
    public OperationNotAllowedError(ValidationContext context, AllowedOperations kind, AllowedOperations allowed, GraphQLOperationDefinition operation)
        : base(context.Document.Source, null!, Describe(kind, allowed), operation)
    {
        Code = OperationTypeRule.NotAllowedCode;
        Kind = kind;
    }

    public AllowedOperations Kind { get; }

    private static string Describe(AllowedOperations kind, AllowedOperations allowed) => kind switch
    {
        AllowedOperations.Subscription =>
            "Subscriptions need a streaming transport: use a WebSocket (graphql-transport-ws or graphql-ws) or send the request with 'Accept: text/event-stream'.",
        AllowedOperations.Mutation when (allowed & AllowedOperations.Mutation) == 0 =>
            "Mutations are not allowed over GET; send them with POST.",
        _ => $"{kind} operations are not allowed on this transport.",
    };
}
