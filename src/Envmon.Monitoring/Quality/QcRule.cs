using Envmon.Monitoring.Stations;

namespace Envmon.Monitoring.Quality;

/// <summary>
/// Where a rule applies: every list that is not empty must contain the series' network, station, parameter,
/// cadence and month (Beijing time). Of the rules of one test that match a series, the most specific one applies
/// (<see cref="Specificity"/>; on a tie, the later one in the file), so a station's own range overrides its
/// network's and a winter range overrides the all-year one.
/// </summary>
public sealed record QcScope
{
    /// <summary>Everything.</summary>
    public static readonly QcScope All = new();

    /// <summary>The networks, or empty for all.</summary>
    public IReadOnlyList<Network> Networks { get; init; } = [];

    /// <summary>The stations (MN), or empty for all.</summary>
    public IReadOnlyList<string> Stations { get; init; } = [];

    /// <summary>The parameters (canonical codes), or empty for all.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];

    /// <summary>The cadences, or empty for all.</summary>
    public IReadOnlyList<QcCadence> Cadences { get; init; } = [];

    /// <summary>The months 1–12, or empty for all.</summary>
    public IReadOnlyList<int> Months { get; init; } = [];

    /// <summary>Stations 16, parameters 8, networks 4, months 2, cadences 1: the more of these a scope names, the more specific it is.</summary>
    public int Specificity => (Stations.Count > 0 ? 16 : 0) + (Parameters.Count > 0 ? 8 : 0) + (Networks.Count > 0 ? 4 : 0)
        + (Months.Count > 0 ? 2 : 0) + (Cadences.Count > 0 ? 1 : 0);

    /// <summary>Whether a series of <paramref name="parameter"/> at <paramref name="station"/> falls in this scope.</summary>
    public bool Matches(Station station, string parameter, QcCadence cadence, int month)
        => (Networks.Count == 0 || Networks.Contains(station.Network))
            && (Stations.Count == 0 || Stations.Contains(station.Mn, StringComparer.Ordinal))
            && (Parameters.Count == 0 || Parameters.Contains(parameter, StringComparer.Ordinal))
            && (Cadences.Count == 0 || Cadences.Contains(cadence))
            && (Months.Count == 0 || Months.Contains(month));
}

/// <summary>
/// One configured test: its id, version, scope and parameters. The parameters' hash goes with every flag the rule
/// sets, so a flag says exactly which thresholds produced it.
/// </summary>
public abstract record QcRule
{
    /// <summary>The rule's id, unique in its configuration.</summary>
    public required string Id { get; init; }

    /// <summary>The rule's version, raised whenever its parameters change.</summary>
    public required int Version { get; init; }

    /// <summary>Where it applies.</summary>
    public QcScope Scope { get; init; } = QcScope.All;

    /// <summary>The first 12 hex digits of SHA-256 over the parameters as canonical JSON.</summary>
    public required string Hash { get; init; }

    /// <summary>The test's name in the configuration file.</summary>
    public abstract string Test { get; }

    /// <summary>The flag this rule sets at <paramref name="level"/> for <paramref name="reason"/>.</summary>
    public QcFlag Flag(QcLevel level, string reason) => new(level, reason, Id, Version, Hash);
}

/// <summary>Gross range (QARTOD gross_range_test).</summary>
public sealed record RangeRule : QcRule
{
    /// <summary>Values outside fail (4).</summary>
    public required QcSpan Fail { get; init; }

    /// <summary>Values outside are suspect (3).</summary>
    public QcSpan Suspect { get; init; } = QcSpan.Any;

    /// <inheritdoc />
    public override string Test => "range";
}

/// <summary>Ranges by month of the year (QARTOD climatology_test with period = month).</summary>
public sealed record ClimatologyRule : QcRule
{
    /// <summary>The windows; a month no window lists is not evaluated.</summary>
    public required IReadOnlyList<(IReadOnlyList<int> Months, QcSpan Fail, QcSpan Suspect)> Windows { get; init; }

    /// <inheritdoc />
    public override string Test => "climatology";
}

/// <summary>Spike (QARTOD spike_test), thresholds in the parameter's unit.</summary>
public sealed record SpikeRule : QcRule
{
    /// <summary>Above: suspect.</summary>
    public required double Suspect { get; init; }

    /// <summary>Above: fail.</summary>
    public required double Fail { get; init; }

    /// <summary>The differential method (a spike, not a step) instead of the average.</summary>
    public bool Differential { get; init; }

    /// <inheritdoc />
    public override string Test => "spike";
}

/// <summary>Rate of change, per step of the series' cadence.</summary>
public sealed record RateRule : QcRule
{
    /// <summary>Above: suspect.</summary>
    public required double Suspect { get; init; }

    /// <summary>Above: fail.</summary>
    public required double Fail { get; init; }

    /// <inheritdoc />
    public override string Test => "rate";
}

/// <summary>Flat line (QARTOD flat_line_test), durations in steps.</summary>
public sealed record FlatLineRule : QcRule
{
    /// <summary>The largest range that counts as flat.</summary>
    public required double Tolerance { get; init; }

    /// <summary>Run length that is suspect.</summary>
    public required int Suspect { get; init; }

    /// <summary>Run length that fails.</summary>
    public required int Fail { get; init; }

    /// <summary>
    /// Values at or below this never count as flat: low SO2 and CO repeat at the reporting resolution for hours in
    /// clean air (quality.md, Henan 2019: thousands of such runs), which is not a stuck instrument.
    /// </summary>
    public double Above { get; init; } = double.NegativeInfinity;

    /// <inheritdoc />
    public override string Test => "flat-line";
}

/// <summary>Attenuated signal (QARTOD attenuated_signal_test with check_type std), window in steps.</summary>
public sealed record AttenuatedRule : QcRule
{
    /// <summary>The trailing window, in steps.</summary>
    public required int Window { get; init; }

    /// <summary>The fewest values in the window for a result.</summary>
    public required int MinCount { get; init; }

    /// <summary>Standard deviation below: suspect.</summary>
    public required double Suspect { get; init; }

    /// <summary>Standard deviation below: fail.</summary>
    public required double Fail { get; init; }

    /// <inheritdoc />
    public override string Test => "attenuated";
}

/// <summary>What the station's own HJ 212 data flags mean.</summary>
public sealed record StationFlagRule : QcRule
{
    /// <summary>The level and reason of each flag; a flag not listed is suspect with <c>station-flag-unknown</c>.</summary>
    public required IReadOnlyDictionary<string, (QcLevel Level, string Reason)> Flags { get; init; }

    /// <inheritdoc />
    public override string Test => "station-flag";
}

/// <summary>Time checks against the moment the frame was received.</summary>
public sealed record TimeRule : QcRule
{
    /// <summary>An interval that starts more than this after receipt fails (<c>future-time</c>).</summary>
    public required TimeSpan Future { get; init; }

    /// <summary>An interval that ends more than this after receipt is suspect (<c>clock-skew</c>).</summary>
    public required TimeSpan Skew { get; init; }

    /// <inheritdoc />
    public override string Test => "time";
}

/// <summary>One pair of a physical-consistency rule: <see cref="Smaller"/> must not exceed <see cref="Larger"/>.</summary>
/// <param name="Smaller">The parameter that must be the smaller (PM2.5, NO2).</param>
/// <param name="Larger">The parameter that must be the larger (PM10, NOx).</param>
/// <param name="Absolute">Tolerance in the unit.</param>
/// <param name="Relative">Tolerance as a share of the larger value; the larger tolerance applies.</param>
/// <param name="Reason">The reason code.</param>
public sealed record ConsistencyPair(string Smaller, string Larger, double Absolute, double Relative, string Reason);

/// <summary>Physical consistency between parameters of one station at one time; both values of a broken pair are suspect.</summary>
public sealed record ConsistencyRule : QcRule
{
    /// <summary>The pairs.</summary>
    public required IReadOnlyList<ConsistencyPair> Pairs { get; init; }

    /// <inheritdoc />
    public override string Test => "consistency";
}

/// <summary>
/// Neighbour consistency: a value against the median of the same parameter at the same time at nearby stations,
/// on a robust scale: z = (x − median) / max(1.4826 · MAD, absolute floor, relative floor · |median|).
/// </summary>
public sealed record NeighbourRule : QcRule
{
    /// <summary>How far a neighbour may be.</summary>
    public required double RadiusKm { get; init; }

    /// <summary>The most neighbours used (the nearest).</summary>
    public required int MaxNeighbours { get; init; }

    /// <summary>The fewest neighbours with a usable value for a result.</summary>
    public required int MinNeighbours { get; init; }

    /// <summary>|z| above: suspect.</summary>
    public required double Suspect { get; init; }

    /// <summary>|z| above: fail; null never fails.</summary>
    public double? Fail { get; init; }

    /// <summary>The scale's floor in the unit.</summary>
    public required double AbsoluteFloor { get; init; }

    /// <summary>The scale's floor as a share of the median.</summary>
    public required double RelativeFloor { get; init; }

    /// <summary>The networks neighbours come from, or empty for the station's own.</summary>
    public IReadOnlyList<Network> NeighbourNetworks { get; init; } = [];

    /// <inheritdoc />
    public override string Test => "neighbour";
}
