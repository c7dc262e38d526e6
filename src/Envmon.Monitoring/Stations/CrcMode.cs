namespace Envmon.Monitoring.Stations;

/// <summary>Which checksum a station's logger sends (docs/hj212.md §3).</summary>
public enum CrcMode
{
    /// <summary>The HJ 212 checksum of Appendix A only.</summary>
    Standard,

    /// <summary>Also accept the CRC-16/MODBUS low-byte-first variant some loggers send.</summary>
    Modbus,

    /// <summary>Do not check the checksum (a logger with a broken CRC, accepted knowingly).</summary>
    Off,
}
