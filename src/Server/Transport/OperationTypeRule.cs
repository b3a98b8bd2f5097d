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

/// <summary>Refuses operation types the transport does not carry, with a code the HTTP layer maps to a status.</summary>
public sealed class OperationTypeRule(AllowedOperations allowed) : ValidationRuleBase
{
    public const string NotAllowedCode = "OPERATION_NOT_ALLOWED";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        var kind = operation.Operation switch
        {
            OperationType.Mutation => AllowedOperations.Mutation,
            OperationType.Subscription => AllowedOperations.Subscription,
            _ => AllowedOperations.Query,
        };
        if ((allowed & kind) == 0)
        {
            context.ReportError(new OperationNotAllowedError(context, kind, allowed, operation));
        }

        return default;
    }
}
