namespace Coco.Connectors.Tests.Infrastructure;

/// <summary>
/// The real server with no API token configured: protected mode, where clients on this machine are served without a
/// token, as a first-time user meets it (the README's curl examples, the playground in a browser).
/// </summary>
public sealed class ProtectedModeCocoServer : CocoServer
{
    protected override bool RequiresToken => false;
}
