using Coco.Connectors.GraphQLApi.Connectors;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi;

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        ConnectorMutations.AddFields(this);
    }
}
