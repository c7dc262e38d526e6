using Envmon.Hj212.Codes;

namespace Envmon.Hj212.Segments;

/// <summary>One <c>key=value</c> item of CP, as spans into the segment, white space around key and value trimmed.</summary>
public readonly ref struct Hj212Item
{
    /// <summary>The whole key (<c>a21026-Avg</c>, <c>DataTime</c>).</summary>
    public ReadOnlySpan<byte> Key { get; init; }

    /// <summary>The part of the key before the first <c>-</c> (the factor, facility or info code), or the whole key.</summary>
    public ReadOnlySpan<byte> Code { get; init; }

    /// <summary>The part after the first <c>-</c> (<c>Avg</c>, <c>Flag</c>), or empty.</summary>
    public ReadOnlySpan<byte> Suffix { get; init; }

    /// <summary>The value as sent; logs keep their <c>//</c> delimiters.</summary>
    public ReadOnlySpan<byte> Value { get; init; }

    /// <summary>The index of the <c>;</c>-separated group the item belongs to, from 0.</summary>
    public int Group { get; init; }

    /// <summary>What the value must look like; already checked.</summary>
    public Hj212ValueKind Kind { get; init; }

    /// <summary>The offset of the key in the segment.</summary>
    public int Offset { get; init; }

    /// <summary>The key cache's entry for this key (its bytes are exactly <see cref="Key"/>), when the reader has a cache.</summary>
    internal Hj212KeyCache.Entry? CacheEntry { get; init; }
}
