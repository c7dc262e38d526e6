namespace Envmon.Monitoring.Quality;

/// <summary>
/// One reason a value is not simply good, with its provenance: which rule at which version with which parameters
/// (their hash) said so. A value keeps every flag that applies; its roll-up is the worst level (<see cref="QcLevels.Worst"/>).
/// </summary>
/// <param name="Level">What the rule concluded.</param>
/// <param name="Reason">The reason code (<see cref="QcReasons"/>).</param>
/// <param name="Rule">The rule's id in the configuration (for a station flag, <c>station-flag</c>).</param>
/// <param name="Version">The rule's version.</param>
/// <param name="Hash">The first 12 hex digits of SHA-256 over the rule's parameters as canonical JSON.</param>
public sealed record QcFlag(QcLevel Level, string Reason, string Rule, int Version, string Hash)
{
    /// <summary>The worst level of <paramref name="flags"/>: pass when there are none.</summary>
    public static QcLevel RollUp(IEnumerable<QcFlag> flags, QcLevel baseline = QcLevel.Pass)
        => flags.Aggregate(baseline, (worst, flag) => QcLevels.Worst(worst, flag.Level));
}
