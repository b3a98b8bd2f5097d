using Coco.Connectors.Secrets.AtRest;

namespace Coco.Connectors.Server.Hosting;

/// <summary>
/// <c>secrets status</c> (how the stored secrets are kept: plain text, or under which key) and <c>secrets rotate</c>
/// (rewrite them all the way the configuration asks: with the active key, or in plain text when none is active),
/// against the configured store. Rotation is one write per connector, so it can be interrupted and run again.
/// </summary>
public static class SecretsCommand
{
    public const string Name = "secrets";

    public static bool IsInvocation(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct = default)
    {
        var keys = services.GetRequiredService<StoredSecretKeys>();
        switch (args.ElementAtOrDefault(1))
        {
            case "status":
                await output.WriteLineAsync(Describe(keys));
                var census = await keys.CountAsync(ct);
                await output.WriteLineAsync($"connectors: {census.Connectors}, with secrets: {census.ConnectorsWithSecrets}");
                await output.WriteLineAsync($"plaintext: {census.Plaintext}");
                foreach (var (id, count) in census.ByKey)
                {
                    await output.WriteLineAsync($"key {id}: {count}");
                }

                // The key ids say which key each secret needs; decrypting a few says whether the configured key is it.
                var wrong = await keys.WrongKeysAsync(ct);
                foreach (var problem in wrong)
                {
                    await output.WriteLineAsync(problem);
                }

                if (wrong.Count == 0 && census.ByKey.Count > 0)
                {
                    await output.WriteLineAsync("keys checked: each key in use decrypts its stored secrets");
                }

                return wrong.Count == 0 ? 0 : 1;
            case "rotate":
                await output.WriteLineAsync(Describe(keys));
                var failures = new List<string>();
                var rewritten = await keys.RotateAsync((id, e) => failures.Add($"Left connector '{id}' as it is: {e.Message}."), ct);
                await output.WriteLineAsync(keys.ActiveKeyId is { } active
                    ? $"Re-encrypted the secrets of {rewritten} connectors with key '{active}'."
                    : $"Decrypted the secrets of {rewritten} connectors (no active key: stored in plain text).");
                foreach (var failure in failures)
                {
                    await output.WriteLineAsync(failure);
                }

                return failures.Count == 0 ? 0 : 1;
            default:
                await output.WriteLineAsync("Usage: secrets status | secrets rotate   (keys: Secrets:Encryption:Keys:<id>, Secrets:Encryption:ActiveKey)");
                return 2;
        }
    }

    private static string Describe(StoredSecretKeys keys) => keys.ConfiguredKeyIds.Count == 0
        ? "Encryption at rest: off (no Secrets:Encryption:Keys configured)."
        : $"Encryption at rest: {(keys.ActiveKeyId is { } active ? $"on, active key '{active}'" : "decrypt only (no ActiveKey)")}; "
            + $"keys configured: {string.Join(", ", keys.ConfiguredKeyIds.Order(StringComparer.Ordinal))}.";
}
