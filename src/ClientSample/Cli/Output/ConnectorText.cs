using System.Globalization;
using Coco.Connectors.Client;

namespace Coco.Connectors.ClientSample.Cli.Output;

/// <summary>How the console shows connectors as text: a table row, or every field one per line.</summary>
internal static class ConnectorText
{
    public static readonly IReadOnlyList<string> Headers = ["ID", "NAME", "CATEGORY", "ENABLED", "BUILTIN", "VERSION", "UPDATED"];

    public static IReadOnlyList<string> Row(ConnectorFields c) =>
        [c.Id, c.Name, c.Category ?? "", Bool(c.Enabled), Bool(c.Builtin), Number(c.Version), Time(c.Updated)];

    public static void WriteDetails(TextWriter output, ConnectorFields c)
    {
        (string Label, string Value)[] lines =
        [
            ("id", c.Id),
            ("name", c.Name),
            ("description", c.Description ?? ""),
            ("category", c.Category ?? ""),
            ("tags", string.Join(", ", c.Tags)),
            ("url", c.Url ?? ""),
            ("icon", c.Icon ?? ""),
            ("enabled", Bool(c.Enabled)),
            ("builtin", Bool(c.Builtin)),
            ("path hierarchy", Bool(c.PathHierarchy)),
            ("oauth connect", Bool(c.OauthConnectImplemented)),
            ("processor", (c.Processor.Name ?? "(none)") + (c.Processor.Enabled ? ", enabled" : ", disabled")),
            ("config", c.Config?.GetRawText() ?? ""),
            ("icons", c.Assets.Icons?.GetRawText() ?? ""),
            ("created", Time(c.Created)),
            ("updated", Time(c.Updated)),
            ("version", Number(c.Version)),
        ];
        var width = lines.Max(l => l.Label.Length) + 1;
        foreach (var (label, value) in lines)
        {
            output.WriteLine($"{(label + ":").PadRight(width)} {value}".TrimEnd());
        }
    }

    public static string Bool(bool value) => value ? "yes" : "no";

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset value) => value.ToString("yyyy-MM-dd HH:mm:ssK", CultureInfo.InvariantCulture);
}
