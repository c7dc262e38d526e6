using Envmon.Hj212.Codes;

namespace Envmon.Hj212.Segments;

/// <summary>
/// Remembers the CP keys of the previous frame of a stream, in order, with what each key means for the reader: the
/// kind of its value and the warnings the key itself raises. A station sends the same keys frame after frame, so a
/// <see cref="Hj212SegmentReader"/> given this cache compares each key with the one at the same place last time
/// instead of classifying it again. One per stream (a connection, a file, a worker); not thread-safe.
/// </summary>
public sealed class Hj212KeyCache
{
    private const int MaxItems = 256;
    private const int MaxKeyLength = 32;

    private readonly Entry[] _entries = new Entry[MaxItems];

    internal bool TryGet(int index, ReadOnlySpan<byte> key, Hj212Version version, out Hj212ValueKind kind, out Hj212Warnings warnings)
    {
        if ((uint)index < MaxItems && _entries[index] is { } entry && entry.Version == version && key.SequenceEqual(entry.Key))
        {
            kind = entry.Kind;
            warnings = entry.Warnings;
            return true;
        }

        kind = default;
        warnings = default;
        return false;
    }

    internal void Set(int index, ReadOnlySpan<byte> key, Hj212Version version, Hj212ValueKind kind, Hj212Warnings warnings)
    {
        if ((uint)index < MaxItems && key.Length <= MaxKeyLength)
        {
            _entries[index] = new Entry(key.ToArray(), version, kind, warnings);
        }
    }

    private sealed record Entry(byte[] Key, Hj212Version Version, Hj212ValueKind Kind, Hj212Warnings Warnings);
}
