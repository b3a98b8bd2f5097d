namespace Coco.Connectors.Changes;

/// <summary>
/// The <c>Changes</c> configuration section: how much a server whose feed crosses instances may spend remembering
/// which connectors match the filters of <c>onConnectorChanged(where:)</c> subscriptions.
/// </summary>
public sealed class MatchTrackingOptions
{
    public const string Section = "Changes";

    /// <summary>
    /// The most connector ids kept for all filters together (each distinct filter once, however many subscriptions
    /// share it). A filter whose matches do not fit is watched without its set: its subscriptions are also told
    /// <c>matches: false</c> for another instance's changes to connectors that did not match. A snapshot reads at most
    /// one id more than there is room for, so a filter that does not fit costs no more memory while it is read.
    /// </summary>
    public int MaxTrackedIds { get; set; } = 2_000_000;
}
