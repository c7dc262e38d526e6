namespace Envmon.Hj212;

/// <summary>
/// Oddities that real stations send and that we tolerate: the frame decodes, and the warning names what was odd.
/// A set of flags so that scanning a frame allocates nothing; <see cref="Hj212WarningNames"/> gives the names.
/// </summary>
[Flags]
public enum Hj212Warnings : uint
{
    /// <summary>Nothing odd.</summary>
    None = 0,

    /// <summary><c>lowercase-crc</c>: the checksum is printed in lowercase hex.</summary>
    LowercaseCrc = 1 << 0,

    /// <summary><c>modbus-crc</c>: the checksum is CRC-16/MODBUS printed low byte first (accepted only when enabled).</summary>
    ModbusCrc = 1 << 1,

    /// <summary><c>crc-not-checked</c>: checking is off for this station.</summary>
    CrcNotChecked = 1 << 2,

    /// <summary><c>length-counts-characters</c>: the length field counts characters, not UTF-8 bytes (§2.3).</summary>
    LengthCountsCharacters = 1 << 3,

    /// <summary><c>lf-terminator</c>: the frame ends with LF only.</summary>
    LfTerminator = 1 << 4,

    /// <summary><c>missing-terminator</c>: no CR LF after the checksum (the next frame or the end of the stream follows).</summary>
    MissingTerminator = 1 << 5,

    /// <summary><c>trailing-spaces</c>: spaces after the checksum instead of, or before, CR LF.</summary>
    TrailingSpaces = 1 << 6,

    /// <summary><c>oversize-segment</c>: the data segment is longer than the 1024 bytes of HJ 212-2017 §6.3.2.</summary>
    OversizeSegment = 1 << 7,

    /// <summary><c>comma-separator</c>: header fields separated by <c>,</c> instead of <c>;</c>.</summary>
    CommaSeparator = 1 << 8,

    /// <summary><c>missing-separator</c>: no <c>;</c> between the last header field and <c>CP=</c>.</summary>
    MissingSeparator = 1 << 9,

    /// <summary><c>empty-item</c>: an empty header or CP item (<c>;;</c>, <c>;,</c>, <c>;&amp;&amp;</c>).</summary>
    EmptyItem = 1 << 10,

    /// <summary><c>key-case</c>: a field name or suffix in the wrong case (<c>FLAG=</c>, <c>-flag</c>).</summary>
    KeyCase = 1 << 11,

    /// <summary><c>unknown-header-key</c>: a header item that HJ 212 does not define.</summary>
    UnknownHeaderKey = 1 << 12,

    /// <summary><c>split-without-pnum</c>: the Flag's split bit is set but PNUM/PNO are absent.</summary>
    SplitWithoutPnum = 1 << 13,

    /// <summary><c>pnum-without-split</c>: PNUM/PNO are present but the Flag's split bit is not set.</summary>
    PnumWithoutSplit = 1 << 14,

    /// <summary><c>long-time</c>: a time with 17 digits (milliseconds appended) where 14 are required.</summary>
    LongTime = 1 << 15,

    /// <summary><c>unknown-version</c>: Flag version bits other than 0, 1 and 2.</summary>
    UnknownVersion = 1 << 16,

    /// <summary><c>unknown-st</c>: a system code outside the tables of §6.</summary>
    UnknownSt = 1 << 17,

    /// <summary><c>unknown-cn</c>: a command code outside the tables of §7.</summary>
    UnknownCn = 1 << 18,

    /// <summary><c>unknown-code</c>: a CP key or factor code whose shape no code table uses.</summary>
    UnknownCode = 1 << 19,

    /// <summary><c>unknown-suffix</c>: a factor suffix outside the 2017 dictionary (<c>LA-td</c>).</summary>
    UnknownSuffix = 1 << 20,

    /// <summary><c>unknown-data-flag</c>: a <c>-Flag</c> value outside N F M S D C T B P.</summary>
    UnknownDataFlag = 1 << 21,
}
