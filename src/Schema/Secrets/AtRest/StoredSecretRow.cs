namespace Coco.Connectors.Secrets.AtRest;

/// <summary>The columns of a connector that hold secrets, as stored (ciphertext and all), with its version.</summary>
public sealed class StoredSecretRow
{
    public string Id { get; set; } = "";

    public string? Config { get; set; }

    public string? UrlWithPassword { get; set; }

    public int Version { get; set; }
}
