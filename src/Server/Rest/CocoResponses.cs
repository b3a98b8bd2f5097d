using System.Text.Json.Nodes;
using Coco.Connectors.Domain;

namespace Coco.Connectors.Server.Rest;

/// <summary>Coco Server's response bodies and its error envelope: <c>{"status", "error": {"type", "reason"}}</c>.</summary>
public static class CocoResponses
{
    public static IResult Error(int status, string type, string reason) =>
        Results.Json(new JsonObject { ["status"] = status, ["error"] = new JsonObject { ["type"] = type, ["reason"] = reason } },
            statusCode: status);

    public static IResult BadRequest(string reason) => Error(StatusCodes.Status400BadRequest, "bad_request", reason);

    public static IResult Result(string id, string result, int status = StatusCodes.Status200OK) =>
        Results.Json(new JsonObject { ["_id"] = id, ["result"] = result }, statusCode: status);

    /// <summary>The REST answer for a refused write; each error kind has its own status code.</summary>
    public static IResult Refused(string id, IReadOnlyList<ConnectorError> errors) => errors[0] switch
    {
        ConnectorNotFound => Result(id, "not_found", StatusCodes.Status404NotFound),
        DuplicateConnectorId e => Error(StatusCodes.Status409Conflict, "duplicate_id", e.Message),
        BuiltinConnectorProtected e => Error(StatusCodes.Status403Forbidden, "builtin_connector", e.Message),
        VersionConflict e => Error(StatusCodes.Status412PreconditionFailed, "version_conflict", e.Message),
        _ => Error(StatusCodes.Status400BadRequest, "validation_error",
            string.Join("; ", errors.OfType<ValidationError>().Select(e => e.Reason))),
    };

    /// <summary>The connector's version as a strong entity tag.</summary>
    public static string ETag(Connector connector) => $"\"{connector.Version}\"";
}
