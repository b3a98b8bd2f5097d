using System.Text.Json.Serialization;

namespace Coco.Connectors.Changes;

public enum ConnectorChangeKind
{
    Created,
    Updated,
    Deleted,
}
