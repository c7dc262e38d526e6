using System.Text;

namespace Envmon.Hj212.Packets;

/// <summary>
/// Interns the short ASCII strings that repeat from frame to frame (keys, codes, MN, ST, CN) so that decoding a
/// station's stream allocates them once. Bounded: past <see cref="_capacity"/> entries it stops adding.
/// </summary>
internal sealed class Hj212StringPool(int capacity)
{
    private const int MaxPooledLength = 64;

    private readonly int _capacity = capacity;
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        if (utf8.Length > MaxPooledLength || !Ascii.IsValid(utf8))
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[utf8.Length];
        Ascii.ToUtf16(utf8, chars, out _);
        var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars, out var existing))
        {
            return existing;
        }

        var created = new string(chars);
        if (_strings.Count < _capacity)
        {
            _strings.Add(created);
        }

        return created;
    }
}
