namespace Envmon.Monitoring.Quality;

/// <summary>The QARTOD / UNESCO flag of a value (ioos_qc's 1/2/3/4/9), as every flag and roll-up carries it.</summary>
public enum QcLevel : byte
{
    /// <summary>1: passed every test that ran.</summary>
    Pass = 1,

    /// <summary>2: no test could run (too little context, such as the newest point of a spike test).</summary>
    NotEvaluated = 2,

    /// <summary>3: suspect; kept, shown, reviewed.</summary>
    Suspect = 3,

    /// <summary>4: failed; invalid for statistics.</summary>
    Fail = 4,

    /// <summary>9: missing (the station sent no value).</summary>
    Missing = 9,
}

/// <summary>Ordering of <see cref="QcLevel"/> for the worst-of roll-up.</summary>
public static class QcLevels
{
    /// <summary>
    /// The worse of two levels in QARTOD's priority 9 &lt; 2 &lt; 1 &lt; 3 &lt; 4 (ioos_qc <c>qartod_compare</c>): a fail
    /// beats a suspect beats a pass, and any evaluated result beats "not evaluated" and "missing".
    /// </summary>
    public static QcLevel Worst(QcLevel a, QcLevel b) => Rank(a) >= Rank(b) ? a : b;

    /// <summary>The level's place in the roll-up order: 0 for missing up to 4 for fail.</summary>
    public static int Rank(QcLevel level) => level switch
    {
        QcLevel.Missing => 0,
        QcLevel.NotEvaluated => 1,
        QcLevel.Pass => 2,
        QcLevel.Suspect => 3,
        QcLevel.Fail => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>Whether a value with this roll-up takes part in statistics (pass or suspect; not fail or missing).</summary>
    public static bool Usable(QcLevel level) => level is QcLevel.Pass or QcLevel.Suspect or QcLevel.NotEvaluated;
}
