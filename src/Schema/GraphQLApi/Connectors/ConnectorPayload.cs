using Coco.Connectors.Domain;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Connectors;

/// <summary>What a connector mutation returns: the connector (or deleted id) on success, typed errors otherwise.</summary>
/// <remarks><see cref="Errors"/> is null on success, as HotChocolate's mutation conventions have it.</remarks>
public sealed record ConnectorPayload(Connector? Connector, string? DeletedId, IReadOnlyList<object>? Errors);
