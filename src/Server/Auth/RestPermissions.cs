using Coco.Connectors.Server.Rest;

namespace Coco.Connectors.Server.Auth;

/// <summary>Coco's permission check on a REST route, with its 401 and 403 bodies (coco-server-facts §2.9).</summary>
public static class RestPermissions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder => Require(builder, permission);

    /// <summary>Any authenticated caller, whatever its permissions (operational routes such as /metrics).</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => Require(builder, permission: null);

    private static TBuilder Require<TBuilder>(TBuilder builder, string? permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var caller = CallerAccess.Of(context.HttpContext);
            if (caller is null)
            {
                return CocoResponses.Error(StatusCodes.Status401Unauthorized, "unauthorized", "invalid login");
            }

            return permission is null || caller.Has(permission)
                ? await next(context)
                : CocoResponses.Error(StatusCodes.Status403Forbidden, "forbidden", $"permission [[{permission}]] not allowed");
        });
}
