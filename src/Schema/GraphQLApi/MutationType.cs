using Coco.Connectors.Domain;
using Coco.Connectors.GraphQLApi.Connectors;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi;

public sealed class MutationType : ObjectGraphType
{
    public MutationType(ConnectorWriter writer)
    {
        Name = "Mutation";
        ConnectorMutations.AddFields(this, writer);
    }
}
