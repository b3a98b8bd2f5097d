using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Coco.Connectors.Auth;

/// <summary>
/// The permission a root field needs, kept as field metadata and enforced in one place by
/// <see cref="GraphQLApi.FieldPermissionRule"/>. A root field without one is refused to everyone (secure by default).
/// </summary>
public static class FieldPermissions
{
    public const string MetadataKey = "coco:permission";
    public const string ArgumentMetadataKey = "coco:argumentPermission";

    public static FieldBuilder<TSource, TReturn> RequirePermission<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string permission)
    {
        field.FieldType.WithMetadata(MetadataKey, permission);
        return field;
    }

    /// <summary>A second permission needed only when <paramref name="argument"/> is given (e.g. <c>where</c> is a search).</summary>
    public static FieldBuilder<TSource, TReturn> RequirePermissionFor<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string argument, string permission)
    {
        field.FieldType.WithMetadata(ArgumentMetadataKey, (argument, permission));
        return field;
    }

    /// <summary>Every field of <paramref name="type"/> needs <paramref name="permission"/> (for small schemas such as tests').</summary>
    public static void RequirePermissionOnAll(IComplexGraphType type, string permission)
    {
        foreach (var field in type.Fields)
        {
            field.WithMetadata(MetadataKey, permission);
        }
    }

    public static string? RequiredPermission(this IFieldType field) => field.GetMetadata<string?>(MetadataKey, (string?)null);

    public static (string Argument, string Permission)? ArgumentPermission(this IFieldType field) =>
        field.GetMetadata<(string, string)?>(ArgumentMetadataKey, ((string, string)?)null);
}
