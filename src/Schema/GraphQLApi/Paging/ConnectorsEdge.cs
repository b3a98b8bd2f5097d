using Coco.Connectors.Domain;
using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi.Paging;

public sealed record ConnectorsEdge(Connector Node, KeysetPage Page);
