namespace Coco.Connectors.Secrets;

/// <summary>A mask sent on a write that stands for no stored secret: where it is, and why (a sentence ending the path).</summary>
public sealed record UnresolvedMask(string Path, string Reason)
{
    public string Message => $"{Path} {Reason}";
}
