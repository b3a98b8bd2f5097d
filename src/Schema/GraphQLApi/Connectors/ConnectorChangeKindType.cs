using Coco.Connectors.Changes;
using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.GraphQLApi.Connectors;

public sealed class ConnectorChangeKindType : EnumerationGraphType<ConnectorChangeKind>
{
    public ConnectorChangeKindType()
    {
        Name = "ConnectorChangeKind";
        Description = "The kinds of change to a connector.";
    }
}
