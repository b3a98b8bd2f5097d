using System.Text.Json.Nodes;

namespace Coco.Connectors.Domain;

/// <summary>A stored connector: how Coco reaches one external service.</summary>
/// <remarks>Instances are only created and changed by <see cref="ConnectorWriter"/>, the one write path.</remarks>
public sealed class Connector
{
    public required string Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? Category { get; set; }
    public string? Icon { get; set; }
    public List<string> Tags { get; set; } = [];
    /// <summary>The connector's link with any password in it masked: what every reader, filter and sort sees.</summary>
    public string? Url { get; set; }

    /// <summary>The link as written when it carries a password (null otherwise); only the write path reads it.</summary>
    public string? UrlWithPassword { get; set; }
    public bool PathHierarchy { get; set; }
    public Dictionary<string, string> AssetIcons { get; set; } = [];
    public bool Builtin { get; set; }
    public JsonObject? Config { get; set; }
    public bool OauthConnectImplemented { get; set; }
    public ConnectorProcessor Processor { get; set; } = new();
    public bool Enabled { get; set; } = true;

    /// <summary>UTC. Stored as <see cref="DateTime"/> so both providers can compare and order it in SQL.</summary>
    public DateTime Created { get; set; }
    public DateTime Updated { get; set; }

    /// <summary>Increases by one on every write; the optimistic concurrency token.</summary>
    public int Version { get; set; }

    /// <summary>Lower-cased haystack for the case-insensitive free-text search, kept by the write path.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>
    /// A copy sharing every value: the write path replaces values rather than changing them in place, so the copy
    /// taken before a write keeps the state it replaced (what a change's <see cref="Changes.PriorState"/> carries).
    /// </summary>
    internal Connector ShallowCopy() => (Connector)MemberwiseClone();
}
