using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Paging;

/// <summary>What <c>connectors</c> resolves to: one keyset page plus the query, so totalCount can count on demand.</summary>
public sealed record ConnectorsConnection(KeysetPage Page, ConnectorQuery Query);
