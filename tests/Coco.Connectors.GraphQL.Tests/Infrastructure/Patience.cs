namespace Coco.Connectors.Tests.Infrastructure;

/// <summary>How long a test waits for what should happen before calling it a hang; nothing is asserted about timing.</summary>
public static class Patience
{
    /// <summary>Generous, for a loaded machine.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
}
