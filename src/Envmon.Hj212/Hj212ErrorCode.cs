namespace Envmon.Hj212;

/// <summary>
/// Why a frame could not be decoded. Each has a stable kebab-case name (<see cref="Hj212ErrorCodes.Name"/>) that logs,
/// metrics and the command line use.
/// </summary>
public enum Hj212ErrorCode
{
    /// <summary><c>no-header</c>: bytes skipped before a <c>##</c> header.</summary>
    NoHeader,

    /// <summary><c>bad-length-field</c>: the four characters after <c>##</c> are not decimal digits.</summary>
    BadLengthField,

    /// <summary><c>length-mismatch</c>: the declared length matches neither the byte nor the character count of the segment.</summary>
    LengthMismatch,

    /// <summary><c>too-long</c>: the declared length exceeds the configured maximum.</summary>
    TooLong,

    /// <summary><c>bad-crc-field</c>: the four characters after the segment are not hex digits.</summary>
    BadCrcField,

    /// <summary><c>crc-mismatch</c>: the checksum does not match the segment.</summary>
    CrcMismatch,

    /// <summary><c>truncated</c>: the stream ended inside a frame.</summary>
    Truncated,

    /// <summary><c>bad-segment</c>: a header field is missing or malformed, or an item is not <c>key=value</c>.</summary>
    BadSegment,

    /// <summary><c>bad-field</c>: a value that must be a number or a time is not.</summary>
    BadField,
}
