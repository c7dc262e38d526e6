namespace Envmon.Hj212.Codes;

/// <summary>What a CP value must look like (HJ 212-2017 table 4 types).</summary>
public enum Hj212ValueKind
{
    /// <summary>Free text (Cn), checked only for the <c>//…//</c> log form.</summary>
    Text,

    /// <summary>A decimal number (Nx.y), possibly signed.</summary>
    Number,

    /// <summary>A time <c>yyyyMMddHHmmss</c> in Beijing time.</summary>
    Time,

    /// <summary>A one-letter data flag (§9).</summary>
    DataFlag,
}
