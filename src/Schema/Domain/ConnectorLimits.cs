namespace Coco.Connectors.Domain;

/// <summary>Size limits the write path enforces, so a single connector cannot grow without bound.</summary>
public static class ConnectorLimits
{
    public const int NameMaxLength = 256;
    public const int DescriptionMaxLength = 4096;
    public const int ShortTextMaxLength = 256;
    public const int LinkMaxLength = 2048;
    public const int MaxTags = 64;
    public const int MaxIcons = 256;
    public const int MaxConfigBytes = 256 * 1024;

    /// <summary>
    /// The most one secret may take, and what every secret counts for towards <see cref="MaxConfigBytes"/> whatever
    /// its real size: a limit checked on a merged document must not tell a writer how long the stored secrets are.
    /// </summary>
    public const int MaxSecretBytes = 8 * 1024;

    /// <summary>How deeply a secret object may nest; a config's depth is checked with its secrets masked.</summary>
    public const int MaxSecretDepth = 8;

    /// <summary>Below the JSON reader's default depth (64), so every stored config can be read back.</summary>
    public const int MaxConfigDepth = 32;
}
