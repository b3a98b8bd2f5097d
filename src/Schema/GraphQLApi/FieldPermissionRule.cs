using Coco.Connectors.Auth;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Coco.Connectors.GraphQLApi;

/// <summary>
/// Checks every root field of the operation against the caller's permissions during validation, so a refused
/// request runs nothing and every transport (HTTP, WebSocket, SSE) refuses the same way: HotChocolate's
/// <c>AUTH_NOT_AUTHENTICATED</c> without a caller, <c>AUTH_NOT_AUTHORIZED</c> without the permission.
/// Introspection needs a caller unless <paramref name="anonymousIntrospection"/>; <c>__typename</c> is always free.
/// </summary>
public sealed class FieldPermissionRule(bool anonymousIntrospection) : ValidationRuleBase
{
    public const string NotAuthenticatedCode = "AUTH_NOT_AUTHENTICATED";
    public const string NotAuthorizedCode = "AUTH_NOT_AUTHORIZED";

    public static FieldPermissionRule Strict { get; } = new(false);

    public static FieldPermissionRule OpenIntrospection { get; } = new(true);

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLField>(Check));

    private void Check(GraphQLField node, ValidationContext context)
    {
        var name = node.Name.StringValue;
        if (name == "__typename")
        {
            return;
        }

        var caller = Caller.From(context.UserContext);
        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            if (caller is null && !anonymousIntrospection)
            {
                Report(context, node, NotAuthenticatedCode, "Introspection needs an API token (X-API-TOKEN or Authorization: Bearer).");
            }

            return;
        }

        var parent = context.TypeInfo.GetParentType();
        if (parent is null || !IsRoot(context.Schema, parent) || context.TypeInfo.GetFieldDef() is not { } field)
        {
            return;
        }

        if (caller is null)
        {
            Report(context, node, NotAuthenticatedCode,
                $"{name} needs an API token (X-API-TOKEN or Authorization: Bearer); the request had none, or an invalid, expired or revoked one.");
            return;
        }

        var needed = field.RequiredPermission();
        if (needed is null || !caller.Has(needed))
        {
            Report(context, node, NotAuthorizedCode, $"{name} needs the permission {needed ?? "(none declared)"}, which this token does not have.");
            return;
        }

        if (field.ArgumentPermission() is { } extra && node.Arguments?.Any(a => a.Name.StringValue == extra.Argument) == true && !caller.Has(extra.Permission))
        {
            Report(context, node, NotAuthorizedCode, $"{name}({extra.Argument}:) needs the permission {extra.Permission}, which this token does not have.");
        }
    }

    private static bool IsRoot(ISchema schema, IGraphType type) =>
        ReferenceEquals(type, schema.Query) || ReferenceEquals(type, schema.Mutation) || ReferenceEquals(type, schema.Subscription);

    private static void Report(ValidationContext context, GraphQLField node, string code, string message) =>
        context.ReportError(new ValidationError(context.Document.Source, null, message, node) { Code = code });
}
