namespace Coco.Connectors.Server.Auth;

/// <summary>The <c>Cors</c> configuration section: the browser origins (besides the server's own) allowed to call the API.</summary>
public sealed class BrowserOriginsOptions
{
    public const string Section = "Cors";

    /// <summary>Exact origins such as <c>https://admin.example.com</c>; none by default.</summary>
    public string[] Origins { get; set; } = [];
}
