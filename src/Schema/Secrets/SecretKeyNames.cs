namespace Coco.Connectors.Secrets;

/// <summary>
/// Reads a config key's name as words (snake_case, camelCase, kebab-case, dotted, spaced or all one word) and decides
/// whether it names a credential. Whole words decide, not substrings: <c>max_tokens</c> is a count and <c>use_oauth</c>
/// a flag, while <c>DB_PASS</c>, <c>otpSeed</c> and <c>headers.Authorization</c> are secrets.
/// </summary>
internal static class SecretKeyNames
{
    // A key is secret when its last word is one of these (singular or plural).
    private static readonly HashSet<string> SecretWords =
    [
        "password", "passwd", "pwd", "pass", "passphrase", "passcode", "secret", "token", "credential", "credentials",
        "auth", "oauth", "authorization", "bearer", "jwt", "cookie", "pin", "otp", "sas", "dsn", "sessionid",
    ];

    // Words that make "<word> key" a key for signing, encrypting or logging in (api_key), unlike project_key or sort_key.
    private static readonly string[] KeyQualifiers =
    [
        "api", "private", "access", "secret", "ssh", "signing", "encryption", "decryption", "master", "client", "app",
        "session", "account", "shared", "deploy", "auth", "hmac", "storage", "license", "subscription", "pgp", "gpg",
    ];

    // Other secret phrases, as their last words.
    private static readonly string[][] SecretPhrases =
    [
        ["private", "key", "id"], ["access", "key", "id"], ["connection", "uri"], ["connection", "string"],
        ["session", "id"], ["otp", "seed"], ["totp", "seed"], ["mfa", "seed"], ["pin", "code"],
        ["webhook", "url"], ["webhook", "uri"],
    ];

    // A trailing word that says how a secret is written, not what it is: credentials_json, secretValue, private_key_pem.
    private static readonly HashSet<string> EncodingWords =
    [
        "json", "pem", "der", "b64", "base64", "hex", "value", "data", "text", "string", "str", "raw", "encoded",
        "plain", "plaintext", "hash", "bytes", "content", "blob",
    ];

    // A first word that makes the key a setting about secrets: max_tokens (a count), use_oauth, is_secret (flags).
    private static readonly HashSet<string> SettingPrefixes =
    [
        "max", "maximum", "min", "minimum", "num", "number", "count", "total", "use", "enable", "enabled", "disable",
        "is", "has", "require", "requires", "allow", "skip", "no",
    ];

    // Words that also name a secret when written glued to another word (dbpassword, githubtoken, clientsecret).
    private static readonly string[] GluedSecretEndings =
    [
        "password", "passwd", "passphrase", "passcode", "secret", "token", "credential", "dsn", "sessionid",
        .. KeyQualifiers.Select(q => q + "key"),
    ];

    private static readonly HashSet<string> GluedPhrases = [.. SecretPhrases.Select(p => string.Concat(p))];

    // Counts glued to their subject (maxtokens) are still counts.
    private static readonly string[] GluedCountPrefixes = ["max", "min", "num", "total"];

    private static readonly char[] Digits = [.. "0123456789"];

    public static bool IsSecret(string key)
    {
        var words = Words(key);
        if (words.Count == 0 || (words.Count > 1 && SettingPrefixes.Contains(words[0])))
        {
            return false;
        }

        while (true)
        {
            if (EndsWithSecret(words))
            {
                return true;
            }

            if (words.Count > 1 && EncodingWords.Contains(words[^1]))
            {
                words.RemoveAt(words.Count - 1);
                continue;
            }

            return false;
        }
    }

    private static bool EndsWithSecret(List<string> words)
    {
        var last = words[^1];
        var singular = Singular(last);
        if (SecretWords.Contains(last) || SecretWords.Contains(singular))
        {
            return true;
        }

        if (words.Count > 1 && singular == "key" && KeyQualifiers.Contains(words[^2]))
        {
            return true;
        }

        foreach (var phrase in SecretPhrases)
        {
            if (EndsWith(words, phrase))
            {
                return true;
            }
        }

        return IsGluedSecret(last) || IsGluedSecret(singular);
    }

    private static bool IsGluedSecret(string word)
    {
        if (GluedPhrases.Contains(word))
        {
            return true;
        }

        foreach (var prefix in GluedCountPrefixes)
        {
            if (word.StartsWith(prefix, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var ending in GluedSecretEndings)
        {
            if (word.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWith(List<string> words, string[] phrase)
    {
        if (words.Count < phrase.Length)
        {
            return false;
        }

        var offset = words.Count - phrase.Length;
        for (var i = 0; i < phrase.Length; i++)
        {
            var word = words[offset + i];
            if (word != phrase[i] && !(i == phrase.Length - 1 && Singular(word) == phrase[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Singular(string word) =>
        word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;

    /// <summary>
    /// Lower-cased words of a key. Anything but a letter or digit separates words, and so does a capital after a
    /// lower-case letter or digit (apiKey) or the last capital of a run before lower case (APIKey → api, key).
    /// Numbers at the end are dropped (token2, api_key_2); OAuth stays one word.
    /// </summary>
    internal static List<string> Words(string key)
    {
        // Only the end of a key decides; 256 characters of it are plenty.
        var tail = key.AsSpan(Math.Max(0, key.Length - 256));
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= tail.Length; i++)
        {
            var c = i < tail.Length ? tail[i] : ' ';
            if (!char.IsLetterOrDigit(c))
            {
                AddWord(words, tail, ref start, i);
                continue;
            }

            if (start >= 0 && char.IsUpper(c) && StartsNewWord(tail, i))
            {
                AddWord(words, tail, ref start, i);
            }

            if (start < 0)
            {
                start = i;
            }
        }

        MergeOAuth(words);
        while (words.Count > 0)
        {
            var trimmed = words[^1].TrimEnd(Digits);
            if (trimmed.Length > 0)
            {
                words[^1] = trimmed;
                break;
            }

            words.RemoveAt(words.Count - 1);
        }

        return words;
    }

    private static bool StartsNewWord(ReadOnlySpan<char> text, int i)
    {
        var previous = text[i - 1];
        return char.IsLower(previous) || char.IsDigit(previous)
            || (char.IsUpper(previous) && i + 1 < text.Length && char.IsLower(text[i + 1]));
    }

    private static void AddWord(List<string> words, ReadOnlySpan<char> text, ref int start, int end)
    {
        if (start >= 0)
        {
            words.Add(text[start..end].ToString().ToLowerInvariant());
            start = -1;
        }
    }

    private static void MergeOAuth(List<string> words)
    {
        for (var i = words.Count - 2; i >= 0; i--)
        {
            if (words[i] == "o" && words[i + 1].StartsWith("auth", StringComparison.Ordinal))
            {
                words[i] = "o" + words[i + 1];
                words.RemoveAt(i + 1);
            }
        }
    }
}
