using System.Text;

namespace Envmon.Hj212.Packets;

/// <summary>
/// Interns the short ASCII strings that repeat from frame to frame (keys, codes, MN, ST, CN) so that decoding a
/// station's stream allocates them once. Each caller-chosen slot (a header field, the n-th CP key with its code and suffix) first remembers
/// the last string it gave out: a station sends the same keys in the same order, so the common case is one byte
/// comparison. Bounded: the pool stops adding past its capacity, and slots are limited in number.
/// </summary>
internal sealed class Hj212StringPool(int capacity)
{
    private const int MaxPooledLength = 64;
    private const int MaxSlots = 256;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly (byte[] Utf8, string Text)[] _slots = new (byte[], string)[MaxSlots];
    private readonly KeyEntry?[] _keys = new KeyEntry?[MaxSlots];

    /// <summary>The string of <paramref name="utf8"/>, from <paramref name="slot"/> if it held the same bytes.</summary>
    public string Get(ReadOnlySpan<byte> utf8, int slot)
    {
        if ((uint)slot >= MaxSlots)
        {
            return Get(utf8);
        }

        ref var entry = ref _slots[slot];
        if (entry.Utf8 is not null && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Text;
        }

        var text = Get(utf8);
        if (utf8.Length <= MaxPooledLength)
        {
            entry = (utf8.ToArray(), text);
        }

        return text;
    }

    /// <summary>
    /// The key of a CP item with its code and suffix (split at <paramref name="dash"/>, or -1), from
    /// <paramref name="slot"/> if it held the same key: one comparison per item in the common case.
    /// </summary>
    public Hj212FieldKey GetKey(ReadOnlySpan<byte> key, int dash, int slot)
    {
        if ((uint)slot < MaxSlots && _keys[slot] is { } cached && key.SequenceEqual(cached.Utf8))
        {
            return cached.Key;
        }

        var text = Get(key);
        var fieldKey = new Hj212FieldKey(text, dash < 0 ? text : Get(key[..dash]), dash < 0 ? null : Get(key[(dash + 1)..]));
        if ((uint)slot < MaxSlots && key.Length <= MaxPooledLength)
        {
            _keys[slot] = new KeyEntry(key.ToArray(), fieldKey);
        }

        return fieldKey;
    }

    /// <summary>The pooled string of <paramref name="utf8"/>.</summary>
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
        if (_strings.Count < capacity)
        {
            _strings.Add(created);
        }

        return created;
    }

    private sealed record KeyEntry(byte[] Utf8, Hj212FieldKey Key);
}
