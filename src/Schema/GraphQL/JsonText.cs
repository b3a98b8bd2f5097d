using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Coco.Connectors.GraphQL;

/// <summary>How every response writes text: letters of any script as themselves (connector names are often Chinese),
/// while the characters that matter inside HTML (&lt; &gt; &amp; ' +) stay escaped.</summary>
public static class JsonText
{
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.Create(UnicodeRanges.All);
}
