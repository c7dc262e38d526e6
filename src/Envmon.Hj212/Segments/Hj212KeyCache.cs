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

    // One slot per item position. A slot holds what matching needs (the first and last eight bytes of the key and its
    // '=', their length, the version) next to its entry, so that a match reads one slot instead of following the
    // entry to its key's array.
    private readonly Slot[] _slots = new Slot[MaxItems];

    /// <summary>
    /// The entry for item <paramref name="index"/> when <paramref name="rest"/> (the CP text from the item on) starts
    /// with its key followed by <c>=</c>, exactly as the reader's tokenizer would have found it.
    /// </summary>
    internal Entry? Match(int index, ReadOnlySpan<byte> rest, Hj212Version version)
    {
        if ((uint)index >= MaxItems)
        {
            return null;
        }

        ref var slot = ref _slots[index];
        var length = slot.Length;
        if (slot.Entry is not { } entry || slot.Version != version || rest.Length < length)
        {
            return null;
        }

        if (length is < sizeof(ulong) or > 2 * sizeof(ulong))
        {
            return rest.StartsWith(entry.KeyAndEquals) ? entry : null;
        }

        // The usual 8..16 bytes of a key and its '=': two overlapping word compares (a call to the general comparison
        // costs more than the comparison itself at that size).
        ref var text = ref MemoryMarshal.GetReference(rest);
        return Unsafe.ReadUnaligned<ulong>(ref text) == slot.Head
            && Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref text, length - sizeof(ulong))) == slot.Tail
                ? entry
                : null;
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
        var entry = new Entry(keyAndEquals, dash, version, kind, warnings);
        var wide = keyAndEquals.Length >= sizeof(ulong);
        _slots[index] = new Slot
        {
            Entry = entry,
            Length = keyAndEquals.Length,
            Version = version,
            Head = wide ? BitConverter.ToUInt64(keyAndEquals) : 0,
            Tail = wide ? BitConverter.ToUInt64(keyAndEquals, keyAndEquals.Length - sizeof(ulong)) : 0,
        };
        return entry;
    }

    private struct Slot
    {
        public Entry? Entry;
        public ulong Head;
        public ulong Tail;
        public int Length;
        public Hj212Version Version;
    }

    /// <summary>
    /// A cached key: its bytes with the <c>=</c> that ends it, where its first <c>-</c> is (or -1), and its meaning;
    /// <see cref="FieldKey"/> is the decoder's strings for exactly these bytes, made once.
    /// </summary>
    internal sealed record Entry(byte[] KeyAndEquals, int Dash, Hj212Version Version, Hj212ValueKind Kind, Hj212Warnings Warnings)
    {
        public int KeyLength { get; } = KeyAndEquals.Length - 1;

        public Packets.Hj212FieldKey? FieldKey { get; set; }
    }
}
