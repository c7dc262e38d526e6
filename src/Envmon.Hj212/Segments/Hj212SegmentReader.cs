using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Envmon.Hj212.Codes;

namespace Envmon.Hj212.Segments;

/// <summary>
/// Reads a data segment (HJ 212-2017 §6.3.2 and table 4) without allocating: first the header, then the CP items one
/// by one, checking each as it goes. Header fields are found by name, in any order; <c>;</c> and <c>,</c> separate
/// them alike, as stations send both (docs/hj212.md §4).
/// </summary>
public ref struct Hj212SegmentReader
{
    private static readonly SearchValues<byte> MnCharacters =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-"u8);

    private readonly ReadOnlySpan<byte> _segment;
    private readonly Hj212KeyCache? _cache;
    private StructuralIndex _structure;
    private int _itemIndex;
    private int _position;
    private int _cpEnd;
    private int _group;
    private bool _groupStarted;
    private bool _newGroup;
    private Hj212Version _version;

    /// <summary>Starts reading <paramref name="segment"/>.</summary>
    /// <param name="segment">The data segment.</param>
    /// <param name="cache">The stream's key cache, which spares classifying the keys the previous frame had; optional.</param>
    public Hj212SegmentReader(ReadOnlySpan<byte> segment, Hj212KeyCache? cache = null)
    {
        _segment = segment;
        _cache = cache;
        _structure = new StructuralIndex(segment);
        _position = -1;
    }

    /// <summary>
    /// Checks a whole segment as <see cref="Packets.Hj212Decoder"/> would, without building anything: every item is
    /// read and its value checked (<see cref="TryCheckValue"/>). This is what <c>envmon hj212 decode --summary</c> does.
    /// </summary>
    /// <returns>The first error, or null; error offsets are relative to the segment.</returns>
    public static Hj212Error? Validate(ReadOnlySpan<byte> segment, out Hj212Warnings warnings)
        => Validate(segment, null, out warnings);

    /// <summary>The same as <see cref="Validate(ReadOnlySpan{byte}, out Hj212Warnings)"/>, with the stream's key cache.</summary>
    /// <remarks>
    /// Under the JIT, the per-frame paths of the codec are compiled fully optimised at their first call: a command that
    /// reads a file (a 200 MB summary takes half a second) would otherwise spend much of its life in unoptimised code
    /// before tiered compilation promotes them (summary under dotnet: 0.55-0.57 s with, 0.66-0.87 s without).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Hj212Error? Validate(ReadOnlySpan<byte> segment, Hj212KeyCache? cache, out Hj212Warnings warnings)
    {
        var reader = new Hj212SegmentReader(segment, cache);
        Hj212Error? error = null;
        if (reader.TryReadHeader(out _, out error))
        {
            while (reader.Read(out var item, out error) == Hj212ItemStatus.Item && reader.TryCheckValue(item, out error))
            {
            }
        }

        warnings = reader.Warnings;
        return error;
    }

    /// <summary>The oddities seen so far.</summary>
    public Hj212Warnings Warnings { get; private set; }

    /// <summary>Reads and checks the header; it must be called first, once.</summary>
    /// <param name="header">The header fields.</param>
    /// <param name="error">A <c>bad-segment</c> error with an offset in the segment, or null.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadHeader(out Hj212Header header, out Hj212Error? error)
    {
        header = default;
        var cp = _segment.IndexOf("CP=&&"u8);
        if (cp < 0)
        {
            error = BadSegment(0, "the segment has no CP=&&");
            return false;
        }

        var content = cp + 5;
        var close = _segment[content..].LastIndexOf("&&"u8);
        if (close < 0)
        {
            error = BadSegment(cp, "CP has no closing &&");
            return false;
        }

        if (!_segment[(content + close + 2)..].Trim((byte)' ').IsEmpty)
        {
            error = BadSegment(content + close + 2, "bytes follow the closing && of CP");
            return false;
        }

        if (cp > 0 && _segment[cp - 1] is not ((byte)';' or (byte)','))
        {
            Warnings |= Hj212Warnings.MissingSeparator;
        }

        if (!TryReadHeaderItems(_segment[..cp], out header, out error))
        {
            return false;
        }

        _version = header.Version;
        _position = content;
        _cpEnd = content + close;
        return true;
    }

    /// <summary>Reads the next CP item and classifies its key; <see cref="TryCheckValue"/> checks its value.</summary>
    /// <param name="item">The item, when <see cref="Hj212ItemStatus.Item"/> is returned.</param>
    /// <param name="error">The <c>bad-segment</c> or <c>bad-field</c> error, when <see cref="Hj212ItemStatus.Error"/> is returned.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Hj212ItemStatus Read(out Hj212Item item, out Hj212Error? error)
    {
        if (_position < 0)
        {
            throw new InvalidOperationException("TryReadHeader must succeed before items are read.");
        }

        // Locals are not passed by reference below, so that they stay in registers: this is the per-item hot path.
        var segment = _segment;
        var end = _cpEnd;
        while (_position < end)
        {
            int start, keyEnd, dash;
            Hj212ValueKind kind;
            Hj212KeyCache.Entry? entry;
            if (_cache is { } cache && cache.Match(_itemIndex, segment[_position..end], _version) is { } cached)
            {
                // The key the previous frame had here, followed by its '=': nothing to tokenize or classify.
                start = _position;
                keyEnd = start + cached.KeyLength;
                dash = cached.Dash < 0 ? -1 : start + cached.Dash;
                kind = cached.Kind;
                entry = cached;
                Warnings |= cached.Warnings;
            }
            else
            {
                var key = ReadKey(_position);
                if (key.Error is not null)
                {
                    item = default;
                    error = key.Error;
                    return Hj212ItemStatus.Error;
                }

                if (key.Skipped)
                {
                    continue;
                }

                (start, keyEnd, dash, kind, entry) = (key.Start, key.End, key.Dash, key.Kind, key.Entry);
            }

            _itemIndex++;
            var valueStart = keyEnd + 1;
            while (keyEnd > start && segment[keyEnd - 1] == (byte)' ')
            {
                keyEnd--;
            }

            var separatorAt = valueStart;
            while (separatorAt < end && segment[separatorAt] == (byte)' ')
            {
                separatorAt++;
            }

            int valueEnd;
            if (separatorAt + 1 < end && segment[separatorAt] == (byte)'/' && segment[separatorAt + 1] == (byte)'/')
            {
                var log = ReadLog(separatorAt);
                if (log.Error is not null)
                {
                    item = default;
                    error = log.Error;
                    return Hj212ItemStatus.Error;
                }

                valueEnd = log.ValueEnd;
                separatorAt = log.SeparatorAt;
            }
            else
            {
                separatorAt = _structure.Next(separatorAt, end);
                while (separatorAt >= 0 && segment[separatorAt] is (byte)'-' or (byte)'=')
                {
                    separatorAt = _structure.Next(separatorAt + 1, end);
                }

                separatorAt = separatorAt < 0 ? end : separatorAt;
                valueEnd = separatorAt;
            }

            while (valueStart < valueEnd && segment[valueStart] == (byte)' ')
            {
                valueStart++;
            }

            while (valueEnd > valueStart && segment[valueEnd - 1] == (byte)' ')
            {
                valueEnd--;
            }

            if (_newGroup && _groupStarted)
            {
                _group++;
            }

            _newGroup = false;
            _groupStarted = true;
            item = new Hj212Item
            {
                Key = segment[start..keyEnd],
                Code = dash >= 0 ? segment[start..dash] : segment[start..keyEnd],
                Suffix = dash >= 0 ? segment[(dash + 1)..keyEnd] : default,
                Value = segment[valueStart..valueEnd],
                Group = _group,
                Kind = kind,
                Offset = start,
                CacheEntry = entry,
            };
            error = null;
            Advance(separatorAt, separatorAt < end ? segment[separatorAt] : (byte)0);
            return Hj212ItemStatus.Item;
        }

        item = default;
        error = null;
        return Hj212ItemStatus.End;
    }

    // A key found in an item: from Start to the '=' at End, its first '-' at Dash (or -1), and what it means. An empty
    // item is Skipped; an item that is not key=value has an Error.
    private readonly record struct KeyToken(int Start, int End, int Dash, Hj212ValueKind Kind, Hj212KeyCache.Entry? Entry)
    {
        public bool Skipped { get; init; }

        public Hj212Error? Error { get; init; }
    }

    // Tokenizes the key of the item at start: it runs to '=' (its first '-' splits code and suffix); a ';' or ','
    // first means an item without '=' (an error) or an empty one (skipped with a warning).
    private KeyToken ReadKey(int start)
    {
        var segment = _segment;
        var end = _cpEnd;
        var dash = -1;
        var i = _structure.Next(start, end);
        while (i >= 0 && segment[i] == (byte)'-')
        {
            dash = dash < 0 ? i : dash;
            i = _structure.Next(i + 1, end);
        }

        i = i < 0 ? end : i;
        var b = i < end ? segment[i] : (byte)0;
        if (i == end || b != (byte)'=')
        {
            var token = segment[start..i];
            if (!token.Trim((byte)' ').IsEmpty)
            {
                return new KeyToken { Error = BadSegment(start, $"CP item \"{Printable(token)}\" is not key=value") };
            }

            // An empty item (";;", ";,", "; &&"); the all-blank CP of "&& &&" is not one.
            if (i < end || _groupStarted)
            {
                Warnings |= Hj212Warnings.EmptyItem;
            }

            Advance(i, i < end ? b : (byte)0);
            return new KeyToken { Skipped = true };
        }

        var keyStart = start;
        var keyEnd = i;
        TrimSpaces(segment, ref keyStart, ref keyEnd);
        if (keyStart == keyEnd)
        {
            return new KeyToken { Error = BadSegment(start, "CP item has an empty key") };
        }

        dash = dash >= keyStart && dash < keyEnd ? dash : -1;
        var key = segment[keyStart..keyEnd];
        var code = dash >= 0 ? segment[keyStart..dash] : key;
        var suffix = dash >= 0 ? segment[(dash + 1)..keyEnd] : default;
        var kind = ClassifyKey(key, code, suffix, dash >= 0, _version, out var keyWarnings);
        Warnings |= keyWarnings;
        var entry = _cache?.Set(_itemIndex, key, dash >= 0 ? dash - keyStart : -1, _version, kind, keyWarnings);
        return new KeyToken(keyStart, i, dash, kind, entry);
    }

    // A log (table 4, -Info): everything up to the closing "//" belongs to the value, ';' and ',' too.
    private readonly (int ValueEnd, int SeparatorAt, Hj212Error? Error) ReadLog(int open)
    {
        var closing = _segment[(open + 2).._cpEnd].IndexOf("//"u8);
        if (closing < 0)
        {
            return (0, 0, BadSegment(open, "a // log value has no closing //"));
        }

        var valueEnd = open + 2 + closing + 2;
        var separatorAt = valueEnd;
        while (separatorAt < _cpEnd && _segment[separatorAt] is not ((byte)';' or (byte)','))
        {
            if (_segment[separatorAt] != (byte)' ')
            {
                return (0, 0, BadSegment(valueEnd, "text follows the closing // of a log value"));
            }

            separatorAt++;
        }

        return (valueEnd, separatorAt, null);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TrimSpaces(ReadOnlySpan<byte> text, ref int start, ref int end)
    {
        while (start < end && text[start] == (byte)' ')
        {
            start++;
        }

        while (end > start && text[end - 1] == (byte)' ')
        {
            end--;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Advance(int separatorAt, byte separator)
    {
        if (separator == (byte)';')
        {
            _newGroup = true;
        }

        _position = Math.Min(separatorAt + 1, _cpEnd);
        if (separator != 0 && _position == _cpEnd)
        {
            // A separator right before the closing "&&" (";&&").
            Warnings |= Hj212Warnings.EmptyItem;
        }
    }

    private static Hj212ValueKind ClassifyKey(ReadOnlySpan<byte> key, ReadOnlySpan<byte> code, ReadOnlySpan<byte> suffix,
        bool hasSuffix, Hj212Version version, out Hj212Warnings warnings)
    {
        warnings = Hj212Warnings.None;
        bool caseMismatch;
        Hj212ValueKind kind;
        if (!hasSuffix)
        {
            var topLevel = Hj212FactorCodes.TopLevelKind(key, out caseMismatch);
            if (topLevel is null && !Hj212FactorCodes.IsKnownShape(key, version))
            {
                warnings |= Hj212Warnings.UnknownCode;
            }

            kind = topLevel ?? Hj212ValueKind.Text;
        }
        else
        {
            var bySuffix = Hj212FactorCodes.SuffixKind(suffix, out caseMismatch);
            if (bySuffix is null)
            {
                warnings |= Hj212Warnings.UnknownSuffix;
            }

            if (!Hj212FactorCodes.IsKnownShape(code, version))
            {
                warnings |= Hj212Warnings.UnknownCode;
            }

            kind = bySuffix ?? Hj212ValueKind.Text;
        }

        if (caseMismatch)
        {
            warnings |= Hj212Warnings.KeyCase;
        }

        return kind;
    }

    /// <summary>
    /// Checks that <paramref name="item"/>'s value is what its key says (<see cref="Hj212Item.Kind"/>): a number that
    /// parses exactly, a valid time, a known data flag. Reading an item does not check its value, so that a consumer
    /// that parses values anyway (<see cref="Packets.Hj212Decoder"/>) does the work once.
    /// </summary>
    /// <param name="item">An item this reader returned.</param>
    /// <param name="error">A <c>bad-field</c> error, with an offset in the segment, or null.</param>
    /// <returns>False when the value is not of its kind; tolerated oddities only add <see cref="Warnings"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryCheckValue(in Hj212Item item, out Hj212Error? error)
    {
        error = null;
        var value = item.Value;
        if (value.IsEmpty)
        {
            return true;
        }

        switch (item.Kind)
        {
            case Hj212ValueKind.Number when !Hj212Number.TryParse(value, out _):
                error = BadField(item.Offset, item.Key, value, "a number");
                return false;
            case Hj212ValueKind.Time when !Hj212Time.IsValid(value):
                error = BadField(item.Offset, item.Key, value, "a time yyyyMMddHHmmss");
                return false;
            case Hj212ValueKind.Time when value.Length == 17:
                Warnings |= Hj212Warnings.LongTime;
                return true;
            case Hj212ValueKind.DataFlag when value.Length != 1 || !IsDataFlag(value[0]):
                Warnings |= Hj212Warnings.UnknownDataFlag;
                return true;
            default:
                return true;
        }
    }

    private static bool IsDataFlag(byte flag) => flag is (byte)'N' or (byte)'F' or (byte)'M' or (byte)'S' or (byte)'D'
        or (byte)'C' or (byte)'T' or (byte)'B' or (byte)'P';

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadHeaderItems(ReadOnlySpan<byte> text, out Hj212Header header, out Hj212Error? error)
    {
        header = default;
        error = null;
        Range qnAt = default, stAt = default, cnAt = default, pwAt = default, mnAt = default;
        ReadOnlySpan<byte> flag = default, pnum = default, pno = default;
        var seen = 0;
        var position = 0;
        while (position < text.Length)
        {
            // An item runs to the next ';' or ','; its key to the first '=' in it.
            var equals = -1;
            var end = _structure.Next(position, text.Length);
            while (end >= 0 && text[end] is (byte)'=' or (byte)'-')
            {
                equals = equals < 0 && text[end] == (byte)'=' ? end : equals;
                end = _structure.Next(end + 1, text.Length);
            }

            end = end < 0 ? text.Length : end;
            if (end < text.Length && text[end] == (byte)',')
            {
                Warnings |= Hj212Warnings.CommaSeparator;
            }

            var keyStart = position;
            var valueEnd = end;
            TrimSpaces(text, ref keyStart, ref valueEnd);
            if (keyStart == valueEnd)
            {
                Warnings |= Hj212Warnings.EmptyItem;
            }
            else if (equals < 0)
            {
                error = BadSegment(position, $"header item \"{Printable(text[keyStart..valueEnd])}\" is not key=value");
                return false;
            }
            else
            {
                var keyEnd = equals;
                var valueStart = equals + 1;
                TrimSpaces(text, ref keyStart, ref keyEnd);
                TrimSpaces(text, ref valueStart, ref valueEnd);
                var key = text[keyStart..keyEnd];
                var value = text[valueStart..valueEnd];
                var index = HeaderKeyIndex(key);
                if (index < 0)
                {
                    Warnings |= Hj212Warnings.UnknownHeaderKey;
                }
                else
                {
                    if ((seen & (1 << index)) != 0)
                    {
                        error = BadSegment(position, $"header field {HeaderKeys[index]} appears twice");
                        return false;
                    }

                    seen |= 1 << index;
                    switch (index)
                    {
                        case 0: qnAt = valueStart..valueEnd; break;
                        case 1: stAt = valueStart..valueEnd; break;
                        case 2: cnAt = valueStart..valueEnd; break;
                        case 3: pwAt = valueStart..valueEnd; break;
                        case 4: mnAt = valueStart..valueEnd; break;
                        case 5: flag = value; break;
                        case 6: pnum = value; break;
                        default: pno = value; break;
                    }
                }
            }

            position = end + 1;
        }

        int? flagValue = null, pnumValue = null, pnoValue = null;
        if ((seen & (1 << 5)) != 0)
        {
            if (!TryParseSmall(flag, 3, out var f) || f > 255)
            {
                error = BadSegment(0, $"Flag \"{Printable(flag)}\" is not an integer 0..255");
                return false;
            }

            flagValue = f;
        }

        var version = Hj212Flag.Version(flagValue);
        if (Hj212Flag.VersionBits(flagValue) > 2)
        {
            Warnings |= Hj212Warnings.UnknownVersion;
        }

        if (!CheckQn(text[qnAt], (seen & 1) != 0, version, out error)
            || !CheckSt(text[stAt], (seen & 2) != 0, out error)
            || !CheckCn(text[cnAt], (seen & 4) != 0, version, out error)
            || !CheckMn(text[mnAt], (seen & 16) != 0, out error))
        {
            return false;
        }

        var hasPnum = (seen & (1 << 6)) != 0;
        var hasPno = (seen & (1 << 7)) != 0;
        if (hasPnum || hasPno)
        {
            if (!hasPnum || !hasPno || !TryParseSmall(pnum, 4, out var total) || !TryParseSmall(pno, 4, out var number)
                || total < 1 || number < 1 || number > total)
            {
                error = BadSegment(0, $"PNUM \"{Printable(pnum)}\" and PNO \"{Printable(pno)}\" are not 1 <= PNO <= PNUM");
                return false;
            }

            pnumValue = total;
            pnoValue = number;
        }

        var splitBit = (flagValue.GetValueOrDefault() & Hj212Flag.Split) != 0;
        if (splitBit && !hasPnum)
        {
            Warnings |= Hj212Warnings.SplitWithoutPnum;
        }
        else if (hasPnum && !splitBit)
        {
            Warnings |= Hj212Warnings.PnumWithoutSplit;
        }

        header = new Hj212Header
        {
            Qn = text[qnAt],
            St = text[stAt],
            Cn = text[cnAt],
            Password = text[pwAt],
            HasPassword = (seen & 8) != 0,
            Mn = text[mnAt],
            Flag = flagValue,
            PacketCount = pnumValue,
            PacketNumber = pnoValue,
        };
        return true;
    }

    private static bool CheckQn(ReadOnlySpan<byte> qn, bool present, Hj212Version version, out Hj212Error? error)
    {
        error = null;
        if (qn.IsEmpty)
        {
            if (version != Hj212Version.V2005)
            {
                error = BadSegment(0, $"QN is {(present ? "empty" : "missing")}, but HJ 212-{version.Name()} requires it");
                return false;
            }

            return true;
        }

        if (qn.Length != 17 || !Hj212Time.IsValid(qn))
        {
            error = BadSegment(0, $"QN \"{Printable(qn)}\" is not 17 digits yyyyMMddHHmmssfff");
            return false;
        }

        return true;
    }

    private bool CheckSt(ReadOnlySpan<byte> st, bool present, out Hj212Error? error)
    {
        error = null;
        if (st.IsEmpty || st.Length > 4 || st.ContainsAnyExcept(MnCharacters))
        {
            error = BadSegment(0, present ? $"ST \"{Printable(st)}\" is not a system code" : "ST is missing");
            return false;
        }

        if (!Hj212SystemCodes.IsKnown(st))
        {
            Warnings |= Hj212Warnings.UnknownSt;
        }

        return true;
    }

    private bool CheckCn(ReadOnlySpan<byte> cn, bool present, Hj212Version version, out Hj212Error? error)
    {
        error = null;
        if (cn.Length != 4 || cn.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            error = BadSegment(0, present ? $"CN \"{Printable(cn)}\" is not four digits" : "CN is missing");
            return false;
        }

        if (!Hj212Commands.IsKnown(cn, version))
        {
            Warnings |= Hj212Warnings.UnknownCn;
        }

        return true;
    }

    private static bool CheckMn(ReadOnlySpan<byte> mn, bool present, out Hj212Error? error)
    {
        error = null;
        if (mn.IsEmpty || mn.Length > 64 || mn.ContainsAnyExcept(MnCharacters))
        {
            error = BadSegment(0, present ? $"MN \"{Printable(mn)}\" is not 1..64 letters, digits, _ or -" : "MN is missing");
            return false;
        }

        return true;
    }

    private static readonly string[] HeaderKeys = ["QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO"];

    private int HeaderKeyIndex(ReadOnlySpan<byte> key)
    {
        var index = key.Length switch
        {
            2 when key.SequenceEqual("QN"u8) => 0,
            2 when key.SequenceEqual("ST"u8) => 1,
            2 when key.SequenceEqual("CN"u8) => 2,
            2 when key.SequenceEqual("PW"u8) => 3,
            2 when key.SequenceEqual("MN"u8) => 4,
            4 when key.SequenceEqual("Flag"u8) => 5,
            4 when key.SequenceEqual("PNUM"u8) => 6,
            3 when key.SequenceEqual("PNO"u8) => 7,
            _ => -1,
        };
        if (index >= 0)
        {
            return index;
        }

        for (var i = 0; i < HeaderKeys.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(key, HeaderKeys[i]))
            {
                Warnings |= Hj212Warnings.KeyCase;
                return i;
            }
        }

        return -1;
    }

    private static bool TryParseSmall(ReadOnlySpan<byte> digits, int maxDigits, out int value)
        => Hj212Number.TryParseDigits(digits, maxDigits, out value);

    private static Hj212Error BadSegment(int offset, string message) => new(Hj212ErrorCode.BadSegment, offset, message);

    private static Hj212Error BadField(int offset, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, string expected)
        => new(Hj212ErrorCode.BadField, offset, $"{Printable(key)} = \"{Printable(value)}\" is not {expected}");

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length > 40 ? string.Concat(text.AsSpan(0, 40), "…") : text;
    }
}
