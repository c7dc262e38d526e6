using System.Text;
using Envmon.Hj212.Codes;
using Envmon.Hj212.Framing;
using Envmon.Hj212.Segments;

namespace Envmon.Hj212.Packets;

/// <summary>
/// Turns frames into <see cref="Hj212Packet"/>s. One decoder per stream (it keeps a small pool of the strings that
/// repeat from frame to frame); not thread-safe.
/// </summary>
public sealed class Hj212Decoder
{
    private readonly Hj212StringPool _pool = new(4096);
    private readonly Hj212KeyCache _keys = new();
    private readonly List<Hj212Field> _fields = new(64);

    /// <summary>Decodes <paramref name="frame"/>, or passes its framing error on.</summary>
    public Hj212DecodeResult Decode(in Hj212Frame frame)
        => frame.Error is { } error
            ? Hj212DecodeResult.Fail(error, frame.Offset)
            : Decode(frame.Segment, frame.Warnings, frame.Offset);

    /// <summary>Decodes a data segment; error offsets are rebased to <paramref name="frameOffset"/> + 6.</summary>
    public Hj212DecodeResult Decode(ReadOnlySpan<byte> segment, Hj212Warnings frameWarnings = Hj212Warnings.None, long frameOffset = 0)
    {
        var segmentOffset = frameOffset + 6;
        var reader = new Hj212SegmentReader(segment, _keys);
        if (!reader.TryReadHeader(out var header, out var headerError))
        {
            return Hj212DecodeResult.Fail(headerError!.At(segmentOffset), frameOffset);
        }

        _fields.Clear();
        while (true)
        {
            var status = reader.Read(out var item, out var itemError);
            if (status == Hj212ItemStatus.End)
            {
                break;
            }

            if (status == Hj212ItemStatus.Error)
            {
                return Hj212DecodeResult.Fail(itemError!.At(segmentOffset), frameOffset);
            }

            // Numbers are checked by parsing them; everything else by the reader.
            decimal? number = null;
            var canonical = false;
            if (item.Kind == Hj212ValueKind.Number && !item.Value.IsEmpty && Hj212Number.TryParse(item.Value, out var parsed, out canonical))
            {
                number = parsed;
            }
            else if (!reader.TryCheckValue(item, out var valueError))
            {
                return Hj212DecodeResult.Fail(valueError!.At(segmentOffset), frameOffset);
            }

            // Slots 0-3 hold the header fields, 4 and up the data flags; CP keys use their item index.
            var dash = item.Suffix.IsEmpty && item.Code.Length == item.Key.Length ? -1 : item.Code.Length;
            // The key cache's entry holds this key's strings once they are made; keys it cannot hold go through the pool.
            var key = item.CacheEntry?.FieldKey ?? _pool.GetKey(item.Key, dash, _fields.Count);
            if (item.CacheEntry is { FieldKey: null } entry)
            {
                entry.FieldKey = key;
            }

            var text = canonical ? null
                : item.Kind == Hj212ValueKind.DataFlag ? _pool.Get(item.Value, 4 + _fields.Count)
                : Ascii(item.Value);
            _fields.Add(new Hj212Field(item.Group, key, text, number));
        }

        var packet = new Hj212Packet
        {
            Qn = header.Qn.IsEmpty ? null : Ascii(header.Qn),
            St = _pool.Get(header.St, 0),
            Cn = _pool.Get(header.Cn, 1),
            Password = header.HasPassword ? _pool.Get(header.Password, 2) : null,
            Mn = _pool.Get(header.Mn, 3),
            Flag = header.Flag,
            PacketCount = header.PacketCount,
            PacketNumber = header.PacketNumber,
            Fields = _fields.ToArray(),
            Warnings = frameWarnings | reader.Warnings,
        };
        return Hj212DecodeResult.Ok(packet, frameOffset);
    }

    // Values are ASCII but for logs; string.Create copies ASCII without a decoder.
    private static string Ascii(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Ascii.IsValid(utf8))
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = utf8.Length <= 256 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        System.Text.Ascii.ToUtf16(utf8, chars, out _);
        return new string(chars);
    }
}
