using System.Text.Encodings.Web;

namespace Coco.Connectors.GraphQLApi.Scalars;

/// <summary>
/// How every JSON response writes text: as itself (Chinese connector names, the <c>+</c> of a time offset) rather
/// than as <c>\uXXXX</c> escapes. The relaxed encoder still escapes what JSON requires; responses are served as
/// <c>application/json</c>, never inlined into HTML, so HTML-sensitive characters need no escaping.
/// </summary>
public static class JsonText
{
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
}
