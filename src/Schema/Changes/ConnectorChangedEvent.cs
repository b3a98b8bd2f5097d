using Coco.Connectors.Changes;
using Coco.Connectors.Domain;
using Coco.Connectors.Querying;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Coco.Connectors.Changes;

/// <summary>What <c>onConnectorChanged</c> delivers: the change, the connector as it is now, and whether it matches.</summary>
public sealed record ConnectorChangedEvent(ConnectorChange Change, Connector? Connector, bool Matches);
