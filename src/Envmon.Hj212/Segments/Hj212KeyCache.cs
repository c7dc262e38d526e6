using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Envmon.Hj212.Codes;

namespace Envmon.Hj212.Segments;

/// <summary>
/// Remembers the CP keys of the previous frame of a stream, in order, with what each key means for the reader: the
/// kind of its value and the warnings the key itself raises. A station sends the same keys frame after frame, so a
/// <see cref="Hj212SegmentReader"/> given this cache checks whether the item at the reader's position starts with the
/// key (and its <c>=</c>) that was at the same place last time, and if so skips tokenizing and classifying the key.
/// What a reader finds is the same with or without a cache. One per stream (a connection, a file, a worker); not
/// thread-safe.
/// </summary>
public sealed class Hj212KeyCache
{
    private const int MaxItems = 256;
    private const int MaxKeyLength = 32;

    private readonly Entry?[] _entries = new Entry?[MaxItems];

    /// <summary>
    /// The entry for item <paramref name="index"/> when <paramref name="rest"/> (the CP text from the item on) starts
    /// with its key followed by <c>=</c>, exactly as the reader's tokenizer would have found it.
    /// </summary>
    internal Entry? Match(int index, ReadOnlySpan<byte> rest, Hj212Version version)
        => (uint)index < MaxItems && _entries[index] is { } entry && entry.Version == version
            && StartsWith(rest, entry.KeyAndEquals)
                ? entry
                : null;

    // The same as rest.StartsWith(prefix), with two overlapping word compares for the usual 8..16 bytes of a key and
    // its '=' (a call to the general comparison costs more than the comparison itself at that size).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool StartsWith(ReadOnlySpan<byte> rest, byte[] prefix)
    {
        var length = prefix.Length;
        if (length < sizeof(ulong) || length > 2 * sizeof(ulong) || rest.Length < length)
        {
            return rest.StartsWith(prefix);
        }

        ref var text = ref MemoryMarshal.GetReference(rest);
        ref var key = ref MemoryMarshal.GetArrayDataReference(prefix);
        var tail = (nuint)(length - sizeof(ulong));
        return Unsafe.ReadUnaligned<ulong>(ref text) == Unsafe.ReadUnaligned<ulong>(ref key)
            && Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref text, tail)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref key, tail));
    }

    internal Entry? Set(int index, ReadOnlySpan<byte> key, int dash, Hj212Version version, Hj212ValueKind kind, Hj212Warnings warnings)
    {
        if ((uint)index >= MaxItems || key.Length > MaxKeyLength)
        {
            return null;
        }

        var keyAndEquals = new byte[key.Length + 1];
        key.CopyTo(keyAndEquals);
        keyAndEquals[^1] = (byte)'=';
        return _entries[index] = new Entry(keyAndEquals, dash, version, kind, warnings);
    }

    /// <summary>
    /// A cached key: its bytes with the <c>=</c> that ends it, where its first <c>-</c> is (or -1), and its meaning;
    /// <see cref="FieldKey"/> is the decoder's strings for exactly these bytes, made once.
    /// </summary>
    internal sealed record Entry(byte[] KeyAndEquals, int Dash, Hj212Version Version, Hj212ValueKind Kind, Hj212Warnings Warnings)
    {
        public int KeyLength => KeyAndEquals.Length - 1;

        public Packets.Hj212FieldKey? FieldKey { get; set; }
    }
}
