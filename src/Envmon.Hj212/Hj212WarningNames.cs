namespace Envmon.Hj212;

/// <summary>Stable names of <see cref="Hj212Warnings"/> flags.</summary>
public static class Hj212WarningNames
{
    private static readonly (Hj212Warnings Flag, string Name)[] Table =
    [
        (Hj212Warnings.LowercaseCrc, "lowercase-crc"),
        (Hj212Warnings.ModbusCrc, "modbus-crc"),
        (Hj212Warnings.CrcNotChecked, "crc-not-checked"),
        (Hj212Warnings.LengthCountsCharacters, "length-counts-characters"),
        (Hj212Warnings.LfTerminator, "lf-terminator"),
        (Hj212Warnings.MissingTerminator, "missing-terminator"),
        (Hj212Warnings.TrailingSpaces, "trailing-spaces"),
        (Hj212Warnings.OversizeSegment, "oversize-segment"),
        (Hj212Warnings.CommaSeparator, "comma-separator"),
        (Hj212Warnings.MissingSeparator, "missing-separator"),
        (Hj212Warnings.EmptyItem, "empty-item"),
        (Hj212Warnings.KeyCase, "key-case"),
        (Hj212Warnings.UnknownHeaderKey, "unknown-header-key"),
        (Hj212Warnings.SplitWithoutPnum, "split-without-pnum"),
        (Hj212Warnings.PnumWithoutSplit, "pnum-without-split"),
        (Hj212Warnings.LongTime, "long-time"),
        (Hj212Warnings.UnknownVersion, "unknown-version"),
        (Hj212Warnings.UnknownSt, "unknown-st"),
        (Hj212Warnings.UnknownCn, "unknown-cn"),
        (Hj212Warnings.UnknownCode, "unknown-code"),
        (Hj212Warnings.UnknownSuffix, "unknown-suffix"),
        (Hj212Warnings.UnknownDataFlag, "unknown-data-flag"),
    ];

    /// <summary>Every single warning flag with its name, in a stable order.</summary>
    public static IReadOnlyList<(Hj212Warnings Flag, string Name)> All => Table;

    /// <summary>The names of the flags set in <paramref name="warnings"/>, in a stable order.</summary>
    public static IEnumerable<string> Names(this Hj212Warnings warnings)
    {
        foreach (var (flag, name) in Table)
        {
            if ((warnings & flag) != 0)
            {
                yield return name;
            }
        }
    }
}
