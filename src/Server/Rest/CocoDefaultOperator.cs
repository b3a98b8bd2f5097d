namespace Coco.Connectors.Server.Rest;

/// <summary><c>default_operator</c> of <c>_search</c>: whether every word of <c>query</c> must match (the default here) or any.</summary>
public enum CocoDefaultOperator
{
    And,
    Or,
}
