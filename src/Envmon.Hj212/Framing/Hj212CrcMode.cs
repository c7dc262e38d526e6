namespace Envmon.Hj212.Framing;

/// <summary>Which checksums a reader accepts; a per-station setting (docs/hj212.md, "CRC").</summary>
public enum Hj212CrcMode
{
    /// <summary>Only the HJ 212 Appendix A checksum, hex in either case. The default.</summary>
    Standard,

    /// <summary>The standard checksum, or CRC-16/MODBUS printed low byte first (decoded with the <c>modbus-crc</c> warning).</summary>
    AcceptModbus,

    /// <summary>The four digits must be hex but are not compared (decoded with the <c>crc-not-checked</c> warning).</summary>
    Off,
}
