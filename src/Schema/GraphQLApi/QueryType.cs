using Coco.Connectors.Audit;
using Coco.Connectors.GraphQLApi.Connectors;
using Coco.Connectors.Querying;
using GraphQL.Types;

namespace Coco.Connectors.GraphQLApi;

public sealed class QueryType : ObjectGraphType
{
    public QueryType(ConnectorReader reader, AuditLog auditLog)
    {
        Name = "Query";
        ConnectorQueries.AddFields(this, reader);
        ConnectorListQueries.AddFields(this, reader);
        Audit.AuditQueries.AddFields(this, auditLog);
    }
}
