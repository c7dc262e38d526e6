using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Envmon.Hj212.Framing;

/// <summary>
/// Cuts a byte stream into HJ 212 frames: <c>##</c>, four length digits, the data segment, four hex digits of
/// checksum, CR LF (HJ 212-2017 §6.3). Frames are found by their length, never by line, and a bad frame never stops
/// the reader: it reports the bytes it skipped and resynchronises on the next <c>##</c> (docs/hj212.md, "Framing").
/// </summary>
/// <remarks>
/// One reader per stream; not thread-safe. A pending frame never holds more than
/// <see cref="Hj212FrameReaderOptions.MaxSegmentLength"/> + 12 bytes plus a small look-ahead, and garbage without a
/// header never more than <see cref="Hj212FrameReaderOptions.ScanWindow"/> bytes.
/// </remarks>
public sealed class Hj212FrameReader
{
    private const int HeaderLength = 6;
    private const int CrcLength = 4;
    private const int TailLookahead = 16;

    private readonly Hj212FrameReaderOptions _options;
    private readonly int _maxWindow;
    private byte[]? _scratch;

    /// <summary>Creates a reader with <paramref name="options"/> (the defaults when null).</summary>
    public Hj212FrameReader(Hj212FrameReaderOptions? options = null)
    {
        _options = options ?? Hj212FrameReaderOptions.Default;
        _options.Validate();
        _maxWindow = HeaderLength + _options.MaxSegmentLength + CrcLength + TailLookahead;
    }

    /// <summary>The stream offset of the next unread byte: the total of bytes consumed so far.</summary>
    public long Position { get; private set; }

    /// <summary>
    /// Reads the next frame or error from the start of <paramref name="buffer"/> and slices off the bytes it consumed.
    /// </summary>
    /// <param name="buffer">The unread bytes; on return, what is still unread.</param>
    /// <param name="isFinalBlock">True when no more bytes will follow <paramref name="buffer"/>: the end of the stream,
    /// or an idle timeout after which a frame without terminator should be taken as it is.</param>
    /// <param name="frame">The frame or error, when the method returns true.</param>
    /// <returns>False when more bytes are needed (nothing was consumed).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(ref ReadOnlySequence<byte> buffer, bool isFinalBlock, out Hj212Frame frame)
    {
        frame = default;
        if (buffer.IsEmpty)
        {
            return false;
        }

        if (TryReadWholeFrame(ref buffer, out frame))
        {
            return true;
        }

        var header = IndexOfHeader(buffer, 0);
        while (header >= 0 && header + 2 < buffer.Length && buffer.Slice(header + 2, 1).FirstSpan[0] == (byte)'#')
        {
            // In "###0101", the header is the last two of the run.
            header++;
        }

        if (header != 0)
        {
            return TrySkipToHeader(ref buffer, header, isFinalBlock, out frame);
        }

        if (buffer.Length < HeaderLength)
        {
            if (!isFinalBlock)
            {
                return false;
            }

            return Fail(ref buffer, out frame, (int)buffer.Length, Hj212ErrorCode.Truncated, 0,
                $"the stream ended {buffer.Length} bytes into a frame header");
        }

        Span<byte> head = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(head);
        if (!TryParseLength(head[2..], out var declared))
        {
            return Fail(ref buffer, out frame, 2, Hj212ErrorCode.BadLengthField, 2,
                $"the length field \"{Printable(head[2..])}\" is not four decimal digits");
        }

        if (declared > _options.MaxSegmentLength)
        {
            return Fail(ref buffer, out frame, HeaderLength, Hj212ErrorCode.TooLong, 2,
                $"declared segment length {declared} exceeds the maximum {_options.MaxSegmentLength}");
        }

        var window = Window(buffer, HeaderLength + declared + CrcLength + TailLookahead);
        var outcome = EvaluateDeclared(window, declared, End(window, buffer, isFinalBlock));
        if (outcome.Kind == OutcomeKind.Tolerant)
        {
            window = Window(buffer, _maxWindow);
            outcome = EvaluateTolerant(window, declared, End(window, buffer, isFinalBlock), outcome.BadCrcFieldLength);
        }

        switch (outcome.Kind)
        {
            case OutcomeKind.NeedMore:
                return false;
            case OutcomeKind.Frame:
                return Accept(ref buffer, out frame, window, outcome);
            default:
                return Fail(ref buffer, out frame, outcome.Consumed, outcome.Error, outcome.ErrorOffset, outcome.Message!);
        }
    }

    // The common case, checked first: a frame that starts the buffer, lies in its first segment, ends in CR LF where
    // its length says and carries an accepted checksum. Everything else takes the general path, which would give the
    // same result for such a frame.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadWholeFrame(ref ReadOnlySequence<byte> buffer, out Hj212Frame frame)
    {
        frame = default;
        var span = buffer.FirstSpan;
        if (span.Length < HeaderLength + CrcLength + 2 || span[0] != (byte)'#' || span[1] != (byte)'#'
            || !TryParseLength(span.Slice(2, 4), out var declared) || declared > _options.MaxSegmentLength
            || span.Length < HeaderLength + declared + CrcLength + 2)
        {
            return false;
        }

        var crcAt = HeaderLength + declared;
        var crcText = span.Slice(crcAt, CrcLength);
        var warnings = Hj212Warnings.None;
        if (span[crcAt + CrcLength] != (byte)'\r' || span[crcAt + CrcLength + 1] != (byte)'\n' || !IsHex(crcText)
            || !CheckCrc(span.Slice(HeaderLength, declared), crcText, ref warnings))
        {
            return false;
        }

        return Accept(ref buffer, out frame, span, Outcome.Frame(declared, crcAt + CrcLength + 2, warnings));
    }

    private bool TrySkipToHeader(ref ReadOnlySequence<byte> buffer, long header, bool isFinalBlock, out Hj212Frame frame)
    {
        frame = default;
        long skip;
        if (header > 0)
        {
            skip = header;
        }
        else
        {
            var keepLast = !isFinalBlock && buffer.Slice(buffer.Length - 1).FirstSpan[0] == (byte)'#';
            skip = buffer.Length - (keepLast ? 1 : 0);
            if (skip == 0 || (!isFinalBlock && skip < _options.ScanWindow))
            {
                return false;
            }
        }

        return Fail(ref buffer, out frame, (int)skip, Hj212ErrorCode.NoHeader, 0, $"{skip} bytes skipped before a ## header");
    }

    // What lies after the window: more bytes still to come (Open), none ever (Stream), or bytes already in the
    // buffer that the window leaves out because a frame can be no longer (Cut).
    private enum WindowEnd
    {
        Open,
        Stream,
        Cut,
    }

    private static WindowEnd End(ReadOnlySpan<byte> window, ReadOnlySequence<byte> buffer, bool isFinalBlock)
        => window.Length < buffer.Length ? WindowEnd.Cut : isFinalBlock ? WindowEnd.Stream : WindowEnd.Open;

    private Outcome EvaluateDeclared(ReadOnlySpan<byte> window, int declared, WindowEnd end)
    {
        var crcAt = HeaderLength + declared;
        if (window.Length < crcAt + CrcLength)
        {
            // Not all declared bytes are here (so the window is the whole buffer). Wait, unless the stream ended or
            // the next frame already started, in which case the declared length cannot be right.
            var nextHeader = window[2..].IndexOf("##"u8);
            return end != WindowEnd.Open || nextHeader >= 0 ? Outcome.Tolerant(0) : Outcome.NeedMore;
        }

        var warnings = Hj212Warnings.None;
        var tail = CheckTail(window, crcAt + CrcLength, end, ref warnings);
        if (tail == TailNeedMore)
        {
            return Outcome.NeedMore;
        }

        var crcText = window.Slice(crcAt, CrcLength);
        if (!IsHex(crcText))
        {
            return Outcome.Tolerant(tail == TailInvalid ? 0 : crcAt + CrcLength + tail);
        }

        var segment = window.Slice(HeaderLength, declared);
        var crcOk = CheckCrc(segment, crcText, ref warnings);
        if (tail == TailInvalid)
        {
            if (!crcOk)
            {
                return Outcome.Tolerant(0);
            }

            // Right length and checksum, followed by something other than a terminator: take the frame and let the
            // next read report the bytes after it.
            warnings |= Hj212Warnings.MissingTerminator;
            tail = 0;
        }

        var consumed = crcAt + CrcLength + tail;
        return crcOk
            ? Outcome.Frame(declared, consumed, warnings)
            : CrcMismatch(segment, crcText, crcAt, consumed);
    }

    private Outcome EvaluateTolerant(ReadOnlySpan<byte> window, int declared, WindowEnd end, int badCrcFieldLength)
    {
        // HJ 212 §2.4 rule 3: look for "&&" + 4 hex digits + a terminator, but never beyond the next "##".
        var nextHeader = window[2..].IndexOf("##"u8);
        var limit = nextHeader >= 0 ? nextHeader + 2 : window.Length;
        var from = HeaderLength;
        while (from < limit)
        {
            var found = window[from..limit].IndexOf("&&"u8);
            if (found < 0)
            {
                break;
            }

            var crcAt = from + found + 2;
            from += found + 1;
            if (crcAt + CrcLength > window.Length)
            {
                if (end == WindowEnd.Open)
                {
                    return Outcome.NeedMore;
                }

                break;
            }

            var crcText = window.Slice(crcAt, CrcLength);
            if (!IsHex(crcText))
            {
                continue;
            }

            var warnings = Hj212Warnings.None;
            var tail = CheckTail(window, crcAt + CrcLength, end, ref warnings);
            if (tail == TailNeedMore)
            {
                return Outcome.NeedMore;
            }

            if (tail == TailInvalid)
            {
                continue;
            }

            var length = crcAt - HeaderLength;
            var consumed = crcAt + CrcLength + tail;
            var segment = window.Slice(HeaderLength, length);
            if (Encoding.UTF8.GetCharCount(segment) != declared)
            {
                return Outcome.Fail(consumed, Hj212ErrorCode.LengthMismatch, 2,
                    $"declared length {declared}, but the segment is {length} bytes");
            }

            warnings |= Hj212Warnings.LengthCountsCharacters;
            return CheckCrc(segment, crcText, ref warnings)
                ? Outcome.Frame(length, consumed, warnings)
                : CrcMismatch(segment, crcText, crcAt, consumed);
        }

        if (badCrcFieldLength > 0)
        {
            return Outcome.Fail(badCrcFieldLength, Hj212ErrorCode.BadCrcField, HeaderLength + declared,
                $"the checksum field \"{Printable(window.Slice(HeaderLength + declared, CrcLength))}\" is not four hex digits");
        }

        if (nextHeader >= 0)
        {
            return Outcome.Fail(limit, Hj212ErrorCode.LengthMismatch, 2,
                $"declared length {declared}, but no frame tail was found before the next ## at {limit} bytes");
        }

        if (end == WindowEnd.Stream)
        {
            return Outcome.Fail(window.Length, Hj212ErrorCode.Truncated, 0,
                $"the stream ended {window.Length} bytes into a frame of {declared + HeaderLength + CrcLength + 2} bytes");
        }

        return end == WindowEnd.Cut || window.Length >= _maxWindow
            ? Outcome.Fail(window.Length, Hj212ErrorCode.LengthMismatch, 2,
                $"declared length {declared}, but no frame tail was found within {window.Length} bytes")
            : Outcome.NeedMore;
    }

    private static Outcome CrcMismatch(ReadOnlySpan<byte> segment, ReadOnlySpan<byte> crcText, int crcAt, int consumed)
        => Outcome.Fail(consumed, Hj212ErrorCode.CrcMismatch, crcAt,
            $"checksum {Printable(crcText)} does not match the segment ({Hj212Crc.Compute(segment):X4} expected)");

    private bool CheckCrc(ReadOnlySpan<byte> segment, ReadOnlySpan<byte> crcText, ref Hj212Warnings warnings)
    {
        var sent = ParseHex(crcText, out var lowercase);
        if (lowercase)
        {
            warnings |= Hj212Warnings.LowercaseCrc;
        }

        switch (_options.CrcMode)
        {
            case Hj212CrcMode.Off:
                warnings |= Hj212Warnings.CrcNotChecked;
                return true;
            case Hj212CrcMode.AcceptModbus when sent != Hj212Crc.Compute(segment) && sent == Hj212Crc.ComputeModbusAsPrinted(segment):
                warnings |= Hj212Warnings.ModbusCrc;
                return true;
            default:
                return sent == Hj212Crc.Compute(segment);
        }
    }

    private const int TailNeedMore = -1;
    private const int TailInvalid = -2;

    // Returns the number of terminator bytes at 'at', or TailNeedMore / TailInvalid.
    private static int CheckTail(ReadOnlySpan<byte> window, int at, WindowEnd end, ref Hj212Warnings warnings)
    {
        var atEnd = end == WindowEnd.Stream;
        var open = end == WindowEnd.Open;
        var spaces = 0;
        while (at + spaces < window.Length && window[at + spaces] == (byte)' ')
        {
            spaces++;
        }

        if (spaces > 0)
        {
            warnings |= Hj212Warnings.TrailingSpaces;
        }

        var p = at + spaces;
        if (p == window.Length)
        {
            if (open)
            {
                return TailNeedMore;
            }

            if (spaces == 0)
            {
                if (!atEnd)
                {
                    return TailInvalid;
                }

                warnings |= Hj212Warnings.MissingTerminator;
            }

            return spaces;
        }

        switch (window[p])
        {
            case (byte)'\r' when p + 1 < window.Length && window[p + 1] == (byte)'\n':
                return spaces + 2;
            case (byte)'\r' when p + 1 == window.Length && open:
                return TailNeedMore;
            case (byte)'\r':
                warnings |= Hj212Warnings.MissingTerminator;
                return spaces + 1;
            case (byte)'\n':
                warnings |= Hj212Warnings.LfTerminator;
                return spaces + 1;
            case (byte)'#' when p + 1 == window.Length && open:
                return TailNeedMore;
            case (byte)'#' when p + 1 < window.Length && window[p + 1] == (byte)'#':
                if (spaces == 0)
                {
                    warnings |= Hj212Warnings.MissingTerminator;
                }

                return spaces;
            default:
                return spaces > 0 ? spaces : TailInvalid;
        }
    }

    private bool Accept(ref ReadOnlySequence<byte> buffer, out Hj212Frame frame, ReadOnlySpan<byte> window, Outcome outcome)
    {
        var warnings = outcome.Warnings;
        if (outcome.SegmentLength > 1024)
        {
            warnings |= Hj212Warnings.OversizeSegment;
        }

        frame = new Hj212Frame(Position, outcome.Consumed, window.Slice(HeaderLength, outcome.SegmentLength), warnings);
        Consume(ref buffer, outcome.Consumed);
        return true;
    }

    private bool Fail(ref ReadOnlySequence<byte> buffer, out Hj212Frame frame, int consumed, Hj212ErrorCode code,
        int errorOffset, string message)
    {
        frame = new Hj212Frame(Position, consumed, new Hj212Error(code, Position + errorOffset, message));
        Consume(ref buffer, consumed);
        return true;
    }

    private void Consume(ref ReadOnlySequence<byte> buffer, long count)
    {
        buffer = buffer.Slice(count);
        Position += count;
    }

    private ReadOnlySpan<byte> Window(ReadOnlySequence<byte> buffer, int want)
    {
        var length = (int)Math.Min(buffer.Length, Math.Min(want, _maxWindow));
        var first = buffer.FirstSpan;
        if (first.Length >= length)
        {
            return first[..length];
        }

        // Only a frame that crosses buffer segments is copied; the scratch buffer is made on first need, so that
        // thousands of idle connections do not each hold one.
        _scratch ??= new byte[_maxWindow];
        buffer.Slice(0, length).CopyTo(_scratch);
        return _scratch.AsSpan(0, length);
    }

    // The offset of the first "##" at or after 'from', or -1.
    private static long IndexOfHeader(ReadOnlySequence<byte> buffer, long from)
    {
        var first = buffer.FirstSpan;
        if (buffer.IsSingleSegment)
        {
            var i = first[(int)from..].IndexOf("##"u8);
            return i < 0 ? -1 : i + from;
        }

        if (first.Length >= 2 && from == 0 && first[0] == (byte)'#' && first[1] == (byte)'#')
        {
            return 0;
        }

        var offset = 0L;
        var previousWasHash = false;
        foreach (var memory in buffer)
        {
            var span = memory.Span;
            var start = (int)Math.Max(0, from - offset);
            if (start < span.Length)
            {
                if (previousWasHash && start == 0 && span[0] == (byte)'#')
                {
                    return offset - 1;
                }

                var i = span[start..].IndexOf("##"u8);
                if (i >= 0)
                {
                    return offset + start + i;
                }

                previousWasHash = span[^1] == (byte)'#';
            }

            offset += span.Length;
        }

        return -1;
    }

    private static bool TryParseLength(ReadOnlySpan<byte> digits, out int value) => Hj212Number.TryParseDigits(digits, 4, out value);

    private static bool IsHex(ReadOnlySpan<byte> text) => text.IndexOfAnyExcept(HexDigits) < 0;

    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789ABCDEFabcdef"u8);

    private static ushort ParseHex(ReadOnlySpan<byte> text, out bool lowercase)
    {
        var value = 0;
        lowercase = false;
        foreach (var b in text)
        {
            int d;
            if (b <= '9')
            {
                d = b - '0';
            }
            else if (b >= 'a')
            {
                d = b - 'a' + 10;
                lowercase = true;
            }
            else
            {
                d = b - 'A' + 10;
            }

            value = (value << 4) | d;
        }

        return (ushort)value;
    }

    internal static string Printable(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            builder.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return builder.ToString();
    }

    private enum OutcomeKind
    {
        NeedMore,
        Tolerant,
        Frame,
        Error,
    }

    private readonly record struct Outcome(
        OutcomeKind Kind,
        int SegmentLength,
        int Consumed,
        Hj212Warnings Warnings,
        Hj212ErrorCode Error,
        int ErrorOffset,
        string? Message,
        int BadCrcFieldLength)
    {
        public static Outcome NeedMore => new(OutcomeKind.NeedMore, 0, 0, Hj212Warnings.None, default, 0, null, 0);

        public static Outcome Tolerant(int badCrcFieldLength)
            => new(OutcomeKind.Tolerant, 0, 0, Hj212Warnings.None, default, 0, null, badCrcFieldLength);

        public static Outcome Frame(int segmentLength, int consumed, Hj212Warnings warnings)
            => new(OutcomeKind.Frame, segmentLength, consumed, warnings, default, 0, null, 0);

        public static Outcome Fail(int consumed, Hj212ErrorCode code, int offset, string message)
            => new(OutcomeKind.Error, 0, consumed, Hj212Warnings.None, code, offset, message, 0);
    }
}
