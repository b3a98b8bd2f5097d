using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Coco.Connectors.Domain;

/// <summary>
/// Connector ids: 20-character, time-ordered ids in the xid layout Coco uses (4 bytes of seconds, 5 random bytes
/// fixed per process, a 3-byte counter), written in lower-case base32hex; and the rule for client-chosen ids.
/// </summary>
public sealed partial class ConnectorIds(TimeProvider clock)
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuv";
    private readonly byte[] _processBytes = RandomNumberGenerator.GetBytes(5);
    private int _counter = RandomNumberGenerator.GetInt32(1 << 24);

    public string NewId()
    {
        Span<byte> raw = stackalloc byte[12];
        var seconds = (uint)clock.GetUtcNow().ToUnixTimeSeconds();
        raw[0] = (byte)(seconds >> 24);
        raw[1] = (byte)(seconds >> 16);
        raw[2] = (byte)(seconds >> 8);
        raw[3] = (byte)seconds;
        _processBytes.CopyTo(raw[4..9]);
        var counter = Interlocked.Increment(ref _counter);
        raw[9] = (byte)(counter >> 16);
        raw[10] = (byte)(counter >> 8);
        raw[11] = (byte)counter;
        return Encode(raw);
    }

    // 96 bits in 5-bit groups, most significant first: 19 full groups and one padded group = 20 characters.
    private static string Encode(ReadOnlySpan<byte> raw)
    {
        Span<char> text = stackalloc char[20];
        var bits = 0;
        var buffer = 0;
        var position = 0;
        foreach (var b in raw)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text[position++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        text[position] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(text);
    }

    /// <summary>Ids a client may choose: 1–64 letters, digits, '_' or '-', starting with a letter or digit.</summary>
    public static bool IsValid(string id) => ValidId().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex ValidId();
}
