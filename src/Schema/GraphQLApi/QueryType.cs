using Coco.Connectors.GraphQLApi.Connectors;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        ConnectorQueries.AddFields(this);
        ConnectorListQueries.AddFields(this);
        Audit.AuditQueries.AddFields(this);
    }
}
