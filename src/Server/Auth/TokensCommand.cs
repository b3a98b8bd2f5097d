using System.Globalization;
using Coco.Connectors.Auth;

namespace Coco.Connectors.Server.Auth;

/// <summary>
/// <c>tokens create --name &lt;name&gt; --permissions &lt;list&gt; [--expires 90d]</c>, <c>tokens list</c>,
/// <c>tokens revoke &lt;name&gt;</c> and <c>tokens hash</c> (token on stdin → the hash for <c>Auth:Tokens:&lt;name&gt;:Hash</c>),
/// against the configured store. A running server picks changes up within <c>Auth:RefreshInterval</c>.
/// </summary>
public static class TokensCommand
{
    public const string Name = "tokens";

    public static bool IsInvocation(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextReader input, CancellationToken ct = default)
    {
        var store = services.GetRequiredService<TokenStore>();
        try
        {
            switch (args.ElementAtOrDefault(1))
            {
                case "create":
                    var name = Option(args, "--name") ?? throw new ArgumentException("tokens create needs --name <name>.");
                    var permissions = Permissions.Parse(Option(args, "--permissions")
                        ?? throw new ArgumentException($"tokens create needs --permissions <list>, e.g. {Permissions.Read},{Permissions.Search} or *."));
                    var created = await store.CreateAsync(name, permissions, Option(args, "--expires") is { } expires ? ParseLifetime(expires) : null, ct);
                    await output.WriteLineAsync($"Created token '{created.Record.Name}' ({created.Record.Permissions}"
                        + (created.Record.Expires is { } at ? $", expires {at:u})." : ")."));
                    await output.WriteLineAsync("It is shown only now; send it as X-API-TOKEN or Authorization: Bearer:");
                    await output.WriteLineAsync(created.Token);
                    return 0;
                case "list":
                    var now = DateTimeOffset.UtcNow;
                    await output.WriteLineAsync("NAME\tPERMISSIONS\tCREATED\tLAST USED\tEXPIRES\tSTATUS");
                    foreach (var token in await store.ListAsync(ct))
                    {
                        var status = token.Revoked is not null ? "revoked" : token.IsActive(now) ? "active" : "expired";
                        await output.WriteLineAsync(string.Join('\t', token.Name, token.Permissions, Date(token.Created), Date(token.LastUsed), Date(token.Expires), status));
                    }

                    return 0;
                case "revoke":
                    var revoked = args.ElementAtOrDefault(2) ?? throw new ArgumentException("tokens revoke needs the token's name.");
                    if (!await store.RevokeAsync(revoked, ct))
                    {
                        await output.WriteLineAsync($"No token is named '{revoked}'.");
                        return 1;
                    }

                    await output.WriteLineAsync($"Revoked token '{revoked}'.");
                    return 0;
                case "hash":
                    var plain = (await input.ReadLineAsync(ct))?.Trim();
                    if (string.IsNullOrEmpty(plain))
                    {
                        throw new ArgumentException("tokens hash reads the token from standard input.");
                    }

                    await output.WriteLineAsync(services.GetRequiredService<TokenHasher>().HashHex(plain));
                    return 0;
                default:
                    await output.WriteLineAsync("Usage: tokens create --name <name> --permissions <list> [--expires 90d] | tokens list | tokens revoke <name> | tokens hash < token");
                    return 2;
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await output.WriteLineAsync(e.Message);
            return 2;
        }
    }

    /// <summary><c>90d</c>, <c>12h</c>, <c>30m</c>, or a TimeSpan (<c>7.00:00:00</c>).</summary>
    public static TimeSpan ParseLifetime(string text)
    {
        var unit = text.Length > 1 ? text[^1] : ' ';
        if (unit is 'd' or 'h' or 'm' && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            return unit switch { 'd' => TimeSpan.FromDays(count), 'h' => TimeSpan.FromHours(count), _ => TimeSpan.FromMinutes(count) };
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new FormatException($"--expires '{text}' is not a lifetime; use e.g. 90d, 12h or 30m.");
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string Date(DateTimeOffset? at) => at is { } value ? value.ToString("u", CultureInfo.InvariantCulture) : "-";
}
