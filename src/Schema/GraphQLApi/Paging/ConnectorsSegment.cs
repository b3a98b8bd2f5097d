using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Paging;

/// <summary>What <c>connectorsPage</c> resolves to: one offset page plus the query, so totalCount can count on demand.</summary>
public sealed record ConnectorsSegment(ConnectorSlice Slice, int Skip, ConnectorQuery Query);
