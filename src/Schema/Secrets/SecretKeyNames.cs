using Coco.Connectors.GraphQLApi.Limits;

namespace Coco.Connectors.Secrets;

/// <summary>
/// Reads a config key's name as words (snake_case, camelCase, kebab-case, dotted, spaced or all one word) and decides
/// whether it names a credential. Whole words decide, not substrings: <c>max_tokens</c> is a count and <c>use_oauth</c>
/// a flag, while <c>DB_PASS</c>, <c>otpSeed</c> and <c>headers.Authorization</c> are secrets.
/// </summary>
internal static class SecretKeyNames
{
    // A key is secret when its last word is one of these (singular or plural).
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "pass", "passphrase", "passcode", "secret", "token", "credential", "credentials",
        "auth", "oauth", "authorization", "bearer", "jwt", "cookie", "pin", "otp", "totp", "hotp", "sas", "dsn", "sessionid",
        "sig", "signature", "hmac", "salt", "kubeconfig", "userpass", "p12", "pkcs12",
    };

    // Words that make "<word> key" a key for signing, encrypting or logging in (api_key), unlike project_key or sort_key.
    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal)
    {
        "api", "private", "access", "secret", "ssh", "signing", "encryption", "decryption", "master", "client", "app",
        "session", "account", "shared", "deploy", "auth", "hmac", "storage", "license", "subscription", "pgp", "gpg",
    };

    // Other secret phrases, as their last words.
    private static readonly string[][] SecretPhrases =
    [
        ["private", "key", "id"], ["access", "key", "id"], ["connection", "uri"], ["connection", "string"],
        ["session", "id"], ["otp", "seed"], ["totp", "seed"], ["mfa", "seed"], ["pin", "code"],
        ["webhook", "url"], ["webhook", "uri"], ["token", "id"], ["conn", "str"], ["conn", "string"], ["connection", "str"],
        ["kube", "config"],
    ];

    // A trailing word that says how a secret is written, not what it is: credentials_json, secretValue, private_key_pem.
    private static readonly HashSet<string> EncodingWords = new(StringComparer.Ordinal)
    {
        "json", "pem", "der", "b64", "base64", "hex", "value", "data", "text", "string", "str", "raw", "encoded",
        "plain", "plaintext", "hash", "bytes", "content", "blob",
    };

    // A first word that makes the key a setting about secrets: max_tokens (a count), use_oauth, is_secret (flags).
    private static readonly HashSet<string> SettingPrefixes = new(StringComparer.Ordinal)
    {
        "max", "maximum", "min", "minimum", "num", "number", "count", "total", "use", "enable", "enabled", "disable",
        "is", "has", "require", "requires", "allow", "skip", "no",
    };

    // Words that also name a secret when written glued to another word (dbpassword, githubtoken, clientsecret).
    private static readonly string[] GluedSecretEndings =
    [
        "password", "passwd", "passphrase", "passcode", "secret", "token", "credential", "auth", "dsn", "sessionid",
        "signature", "userpass", "kubeconfig",
        .. KeyQualifiers.Select(q => q + "key"),
        .. SecretPhrases.Select(p => string.Concat(p)),
    ];

    // Secret words that end in a number, which KeyWords would otherwise drop (token2 → token).
    private static readonly HashSet<string> NumberedWords = new(StringComparer.Ordinal) { "p12", "pkcs12" };

    // Counts glued to their subject (maxtokens) are still counts.
    private static readonly string[] GluedCountPrefixes = ["max", "min", "num", "total"];

    // Span lookups, so judging a key allocates nothing: it runs for every key of every config read.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SecretWord = SecretWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KeyQualifier = KeyQualifiers.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> EncodingWord = EncodingWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SettingPrefix = SettingPrefixes.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NumberedWord = NumberedWords.GetAlternateLookup<ReadOnlySpan<char>>();

    // Phrases by their last word and glued endings by their last letter, so most keys are judged in a few lookups.
    private static readonly Dictionary<string, string[][]>.AlternateLookup<ReadOnlySpan<char>> PhrasesEndingWith =
        SecretPhrases.GroupBy(p => p[^1]).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<char, string[]> GluedEndingsByLastLetter =
        GluedSecretEndings.GroupBy(e => e[^1]).ToDictionary(g => g.Key, g => g.ToArray());

    public static bool IsSecret(string key)
    {
        // Only the end of a key decides; 256 characters of it are plenty.
        var tail = key.AsSpan(Math.Max(0, key.Length - 256));
        var words = new KeyWords(tail, stackalloc char[tail.Length], stackalloc int[tail.Length + 1]);
        if (words.Count == 0 || (words.Count > 1 && SettingPrefix.Contains(words[0])))
        {
            return false;
        }

        while (true)
        {
            if (EndsWithSecret(ref words))
            {
                return true;
            }

            if (words.Count > 1 && EncodingWord.Contains(words[words.Count - 1]))
            {
                words.Count--;
                continue;
            }

            return false;
        }
    }

    private static bool EndsWithSecret(ref KeyWords words)
    {
        var last = words[words.Count - 1];
        var singular = Singular(last);
        if (SecretWord.Contains(last) || SecretWord.Contains(singular))
        {
            return true;
        }

        if (words.Count > 1 && singular.SequenceEqual("key") && KeyQualifier.Contains(words[words.Count - 2]))
        {
            return true;
        }

        if (EndsWithPhrase(ref words, last) || (singular.Length != last.Length && EndsWithPhrase(ref words, singular)))
        {
            return true;
        }

        return IsGluedSecret(last) || (singular.Length != last.Length && IsGluedSecret(singular));
    }

    private static bool EndsWithPhrase(ref KeyWords words, ReadOnlySpan<char> lastWord)
    {
        if (!PhrasesEndingWith.TryGetValue(lastWord, out var phrases))
        {
            return false;
        }

        foreach (var phrase in phrases)
        {
            if (EndsWith(ref words, phrase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsGluedSecret(ReadOnlySpan<char> word)
    {
        foreach (var prefix in GluedCountPrefixes)
        {
            if (word.StartsWith(prefix, StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (word.IsEmpty || !GluedEndingsByLastLetter.TryGetValue(word[^1], out var endings))
        {
            return false;
        }

        foreach (var ending in endings)
        {
            if (word.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWith(ref KeyWords words, string[] phrase)
    {
        if (words.Count < phrase.Length)
        {
            return false;
        }

        var offset = words.Count - phrase.Length;
        for (var i = 0; i < phrase.Length; i++)
        {
            var word = words[offset + i];
            if (!word.SequenceEqual(phrase[i]) && !(i == phrase.Length - 1 && Singular(word).SequenceEqual(phrase[i])))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<char> Singular(ReadOnlySpan<char> word) =>
        word.Length > 3 && word[^1] == 's' && word[^2] != 's' ? word[..^1] : word;

    /// <summary>
    /// The lower-cased words of a key, written one after another into a buffer; word i is <c>Text[Bounds[i]..Bounds[i + 1]]</c>.
    /// Anything but a letter or digit separates words, and so does a capital after a lower-case letter or digit
    /// (apiKey) or the last capital of a run before lower case (APIKey → api, key). Numbers at the end are dropped
    /// (token2, api_key_2); OAuth stays one word.
    /// </summary>
    private ref struct KeyWords
    {
        private readonly Span<char> _text;
        private readonly Span<int> _bounds;

        public KeyWords(ReadOnlySpan<char> key, Span<char> text, Span<int> bounds)
        {
            _text = text;
            _bounds = bounds;
            var length = 0;
            var inWord = false;
            for (var i = 0; i < key.Length; i++)
            {
                var c = key[i];
                if (!char.IsLetterOrDigit(c))
                {
                    inWord = false;
                    continue;
                }

                if (!inWord || (char.IsUpper(c) && StartsNewWord(key, i)))
                {
                    _bounds[Count++] = length;
                    inWord = true;
                }

                _text[length++] = char.ToLowerInvariant(c);
            }

            _bounds[Count] = length;
            MergeOAuth();
            DropTrailingNumber();
        }

        /// <summary>How many words there are; lowering it drops words from the end.</summary>
        public int Count { get; set; }

        public readonly ReadOnlySpan<char> this[int index] => _text[_bounds[index].._bounds[index + 1]];

        private static bool StartsNewWord(ReadOnlySpan<char> key, int i)
        {
            var previous = key[i - 1];
            return char.IsLower(previous) || char.IsDigit(previous)
                || (char.IsUpper(previous) && i + 1 < key.Length && char.IsLower(key[i + 1]));
        }

        private void MergeOAuth()
        {
            for (var i = Count - 2; i >= 0; i--)
            {
                if (this[i].SequenceEqual("o") && this[i + 1].StartsWith("auth", StringComparison.Ordinal))
                {
                    _bounds[(i + 2)..(Count + 1)].CopyTo(_bounds[(i + 1)..]);
                    Count--;
                }
            }
        }

        private void DropTrailingNumber()
        {
            if (Count > 0 && NumberedWord.Contains(this[Count - 1]))
            {
                return;
            }

            while (Count > 0)
            {
                var end = _bounds[Count];
                while (end > _bounds[Count - 1] && char.IsDigit(_text[end - 1]))
                {
                    end--;
                }

                if (end > _bounds[Count - 1])
                {
                    _bounds[Count] = end;
                    return;
                }

                Count--;
            }
        }
    }
}
