using System.Text.Json.Nodes;

namespace Coco.Connectors.Domain;

public sealed class ConnectorProcessor
{
    public bool Enabled { get; set; }
    public string? Name { get; set; }
}
