using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;

namespace Envmon.Monitoring.Quality;

/// <summary>
/// A regular series for the engine: one slot per step from <see cref="Start"/>, NaN where no value was sent. Slots
/// before <see cref="From"/> are context (the look-back a spike, flat-line or rolling test needs); results are given
/// for the slots from there on.
/// </summary>
public sealed class QcSeries
{
    /// <summary>The station.</summary>
    public required Station Station { get; init; }

    /// <summary>The canonical parameter.</summary>
    public required string Parameter { get; init; }

    /// <summary>The kind of data.</summary>
    public required DataKind Kind { get; init; }

    /// <summary>The first slot's time.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>The step between slots.</summary>
    public required TimeSpan Step { get; init; }

    /// <summary>The values, NaN where missing.</summary>
    public required double[] Values { get; init; }

    /// <summary>The station's data flags, null where no reading exists.</summary>
    public required string?[] Flags { get; init; }

    /// <summary>When each reading was received, or null when unknown (time checks are then skipped).</summary>
    public DateTimeOffset?[]? Received { get; init; }

    /// <summary>The first slot whose result is wanted.</summary>
    public int From { get; init; }

    /// <summary>The cadence its thresholds are chosen for.</summary>
    public QcCadence Cadence => QcCadences.Of(Kind, Station.Network);

    /// <summary>The time of slot <paramref name="index"/>.</summary>
    public DateTimeOffset TimeAt(int index) => Start + (index * Step);

    /// <summary>The slot of <paramref name="time"/>, or −1 when it is not a slot of this series.</summary>
    public int IndexOf(DateTimeOffset time)
    {
        var offset = time - Start;
        if (offset < TimeSpan.Zero || offset.Ticks % Step.Ticks != 0)
        {
            return -1;
        }

        var index = offset.Ticks / Step.Ticks;
        return index < Values.Length ? (int)index : -1;
    }
}

/// <summary>An approved calibration, maintenance or other QA window: values in it fail with its reason and are excluded from capture.</summary>
/// <param name="Id">The window's id.</param>
/// <param name="Mn">The station.</param>
/// <param name="Parameter">The parameter, or null for every parameter of the station.</param>
/// <param name="From">Its start.</param>
/// <param name="To">Its end (exclusive).</param>
/// <param name="Reason">The reason code (calibration, maintenance, …).</param>
/// <param name="WorkOrder">The maintenance work order it belongs to, when any.</param>
public sealed record QaWindow(long Id, string Mn, string? Parameter, DateTimeOffset From, DateTimeOffset To, string Reason, string? WorkOrder)
{
    /// <summary>Whether the interval [<paramref name="start"/>, start + <paramref name="length"/>) overlaps the window.</summary>
    public bool Covers(DateTimeOffset start, TimeSpan length) => start < To && start + (length > TimeSpan.Zero ? length : TimeSpan.FromTicks(1)) > From;

    /// <summary>The flag a value in the window carries.</summary>
    public QcFlag Flag() => new(QcLevel.Fail, Reason, $"window-{Id}", 1, QcConfiguration.HashText($"{Mn}|{Parameter}|{From:O}|{To:O}|{Reason}|{WorkOrder}"));
}

/// <summary>The result for one slot: the worst level and every flag that applies (empty when it simply passed).</summary>
/// <param name="Level">The roll-up.</param>
/// <param name="Flags">The flags at levels 3, 4 and 9, in rule order.</param>
public sealed record QcOutcome(QcLevel Level, IReadOnlyList<QcFlag> Flags)
{
    /// <summary>A value that passed every test.</summary>
    public static readonly QcOutcome Passed = new(QcLevel.Pass, []);

    /// <summary>A value no test could judge.</summary>
    public static readonly QcOutcome Unevaluated = new(QcLevel.NotEvaluated, []);

    /// <summary>No value.</summary>
    public static readonly QcOutcome Absent = new(QcLevel.Missing, []);

    /// <summary>Whether two outcomes say the same (level and flags).</summary>
    public bool SameAs(QcOutcome other) => Level == other.Level && Flags.SequenceEqual(other.Flags);
}

/// <summary>What <see cref="QcEngine.Evaluate"/> found: per series of the block, the outcome of each wanted slot.</summary>
public sealed class QcResults
{
    private readonly QcOutcome[] _outcomes;
    private readonly int[] _starts;

    internal QcResults(QcOutcome[] outcomes, int[] starts)
    {
        _outcomes = outcomes;
        _starts = starts;
    }

    /// <summary>How many series.</summary>
    public int Count => _starts.Length - 1;

    /// <summary>The outcomes of series <paramref name="series"/>, from its <see cref="QcSeries.From"/> on.</summary>
    public ArraySegment<QcOutcome> this[int series] => new(_outcomes, _starts[series], _starts[series + 1] - _starts[series]);
}
