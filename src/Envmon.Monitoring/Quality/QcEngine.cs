using System.Collections.Concurrent;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;

namespace Envmon.Monitoring.Quality;

/// <summary>
/// Runs a <see cref="QcConfiguration"/> over a block of series: the single-series tests (station flag, time, range,
/// climatology, spike, rate, flat line, attenuated signal) and QA windows first, then physical consistency between
/// the parameters of a station, then neighbour consistency between stations, which uses only the neighbours' values
/// that did not fail the earlier tests. The same code serves real-time runs (a short look-back per series) and
/// batch runs (whole months), so both give the same flags. Each test looks only as far back before a series'
/// <see cref="QcSeries.From"/> as it needs (a spike one slot, a flat line its fail length, a rolling window its
/// length); earlier slots are context and get no outcome. Thread-safe.
/// </summary>
public sealed class QcEngine
{
    private readonly Station[] _byLatitude;
    private readonly ConcurrentDictionary<string, int> _stationIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _parameterIds = new(StringComparer.Ordinal);
    private int _nextStation;
    private int _nextParameter;
    private readonly ConcurrentDictionary<(int Station, int Parameter, QcCadence Cadence, int Month), Resolved> _resolved = new();
    private readonly ConcurrentDictionary<(int Rule, int Station), int[]> _neighbours = new();
    private readonly ConcurrentDictionary<string, Station[]> _neighbourStations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(double Radius, int Count, string Networks, string Mn), Station[]> _nearest = new();
    private readonly Dictionary<QcRule, int> _ruleIndex;
    private readonly ConcurrentDictionary<(string Rule, QcLevel Level, string Reason), QcFlag> _flags = new();
    private Run? _spare;

    /// <summary>An engine for <paramref name="configuration"/> over the station registry <paramref name="stations"/> (for neighbours).</summary>
    public QcEngine(QcConfiguration configuration, IEnumerable<Station> stations)
    {
        Configuration = configuration;
        _byLatitude = [.. stations.OrderBy(s => s.Latitude)];
        _ruleIndex = new Dictionary<QcRule, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < configuration.Rules.Count; i++)
        {
            _ruleIndex[configuration.Rules[i]] = i;
        }
    }

    /// <summary>The configuration it runs.</summary>
    public QcConfiguration Configuration { get; }

    /// <summary>
    /// Evaluates <paramref name="block"/>; gives, per series, the outcome of each slot from its <see cref="QcSeries.From"/>
    /// on. <paramref name="windows"/> are the approved QA windows of the block's stations.
    /// </summary>
    public QcResults Evaluate(IReadOnlyList<QcSeries> block, IReadOnlyList<QaWindow>? windows = null)
    {
        var longest = 0;
        var slots = 0;
        var targets = 0;
        foreach (var series in block)
        {
            if (series.Flags.Length != series.Values.Length || series.From < 0 || series.From > series.Values.Length)
            {
                throw new ArgumentException($"series {series.Station.Mn}/{series.Parameter}: flags and values differ in length or From is outside", nameof(block));
            }

            longest = Math.Max(longest, series.Values.Length);
            slots += series.Values.Length;
            targets += series.Values.Length - series.From;
        }

        // The buffers of a block (some megabytes for a network's hour) are kept for the next call, so that the hourly runs do
        // not allocate on the large-object heap and set off full collections.
        var run = Interlocked.Exchange(ref _spare, null) ?? new Run();
        try
        {
            return EvaluateWith(block, windows, run.Reset(slots, block.Count), longest, targets);
        }
        finally
        {
            _spare = run;
        }
    }

    private QcResults EvaluateWith(IReadOnlyList<QcSeries> block, IReadOnlyList<QaWindow>? windows, Run run, int longest, int targets)
    {
        var work = run.Work;
        var index = run.Index;
        var byStation = windows is { Count: > 0 } ? windows.ToLookup(w => w.Mn, StringComparer.Ordinal) : null;
        var ids = run.Ids;
        var offset = 0;
        for (var s = 0; s < block.Count; s++)
        {
            var series = block[s];
            var station = Id(_stationIds, ref _nextStation, series.Station.Mn);
            var parameter = Id(_parameterIds, ref _nextParameter, series.Parameter);
            index[Key(station, parameter, series.Kind)] = s;
            ids[s] = (station, parameter, offset);
            offset += series.Values.Length;
        }

        // The single-series tests touch only their own series: a large block builds and runs them on every core.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = block.Count >= 512 ? Environment.ProcessorCount : 1 };
        Parallel.For(0, block.Count, parallel,
            () => (Levels: new QcLevel[longest], Deviations: new double[longest]),
            (s, _, scratch) =>
            {
                work[s] = new Work(run, s, ids[s].Offset, block[s], ids[s].Station, ids[s].Parameter, this);
                Single(work[s], scratch.Levels, scratch.Deviations, byStation?[block[s].Station.Mn] ?? []);
                return scratch;
            },
            _ => { });

        for (var s = 0; s < block.Count; s++)
        {
            Consistency(work[s], work, index);
        }

        // The neighbours' values are read from the table, never from their series: each series can take its own
        // neighbour result at once, on every core.
        var table = NeighbourValues(block.Count, work, parallel);
        Parallel.For(0, block.Count, parallel, s => Neighbours(work[s], table));

        var outcomes = new QcOutcome[targets];
        var starts = new int[block.Count + 1];
        for (var s = 0; s < block.Count; s++)
        {
            starts[s + 1] = starts[s] + work[s].Outcomes(outcomes.AsSpan(starts[s]));
        }

        return new QcResults(outcomes, starts);
    }

    private void Single(Work work, QcLevel[] scratchArray, double[] deviationArray, IEnumerable<QaWindow> windows)
    {
        var series = work.Series;
        var values = series.Values.AsSpan();
        var scratch = scratchArray.AsSpan(0, values.Length);
        for (var group = 0; group < work.GroupCount; group++)
        {
            if (work.RulesOf(group).Flags is not { } rule)
            {
                continue;
            }

            // Nearly every value carries the same flag (N): look a flag up only when it differs from the one before.
            string? last = null;
            (QcLevel Level, QcFlag? Flag) meaning = default;
            for (var i = series.From; i < values.Length; i++)
            {
                if (work.In(group, i) && series.Flags[i] is { } flag)
                {
                    if (!string.Equals(flag, last, StringComparison.Ordinal))
                    {
                        var (level, reason) = rule.Flags.TryGetValue(flag is "" ? "N" : flag, out var known) ? known : (QcLevel.Suspect, "station-flag-unknown");
                        meaning = (level, level > QcLevel.Pass ? Flag(rule, level, reason) : null);
                        last = flag;
                    }

                    work.Merge(i, meaning.Level, meaning.Flag);
                }
            }
        }

        for (var group = 0; group < work.GroupCount; group++)
        {
            if (work.RulesOf(group).Time is not { } rule)
            {
                continue;
            }

            for (var i = series.From; i < values.Length; i++)
            {
                if (work.In(group, i) && series.Received?[i] is { } received && series.Flags[i] is not null)
                {
                    var start = series.TimeAt(i);
                    var end = series.Kind == DataKind.RealTime ? start : start + series.Step;
                    var (level, reason) = start - received > rule.Future ? (QcLevel.Fail, "future-time")
                        : end - received > rule.Skew ? (QcLevel.Suspect, "clock-skew")
                        : (QcLevel.Pass, "");
                    work.Merge(i, level, level > QcLevel.Pass ? Flag(rule, level, reason) : null);
                }
            }
        }

        for (var group = 0; group < work.GroupCount; group++)
        {
            if (work.RulesOf(group).Range is not { } rule)
            {
                continue;
            }

            var from = series.From;
            QcKernels.Range(values[from..], scratch[from..], rule.Fail, rule.Suspect);
            work.Merge(scratch, from, group, rule, "range-suspect", "range-fail", this);
        }

        for (var group = 0; group < work.GroupCount; group++)
        {
            if (work.RulesOf(group).Climatology is not { } rule)
            {
                continue;
            }

            var from = series.From;
            foreach (var (months, fail, suspect) in rule.Windows)
            {
                QcKernels.Range(values[from..], scratch[from..], fail, suspect);
                for (var i = from; i < values.Length; i++)
                {
                    scratch[i] = months.Contains(work.Month(i)) ? scratch[i] : QcLevel.Missing;
                }

                work.Merge(scratch, from, group, rule, "climatology", "climatology", this);
            }
        }

        for (var group = 0; group < work.GroupCount; group++)
        {
            if (work.RulesOf(group).Spike is not { } rule)
            {
                continue;
            }

            // A value's spike needs the values on either side: one slot of context.
            var from = Math.Max(0, series.From - 1);
            QcKernels.Spike(values[from..], scratch[from..], rule.Suspect, rule.Fail, rule.Differential);
            work.Merge(scratch, from, group, rule, "spike", "spike", this);
        }

        for (var group = 0; group < work.GroupCount; group++)
        {
            if (work.RulesOf(group).Rate is not { } rule)
            {
                continue;
            }

            // A value's rate needs the last value sent before it, however far back.
            var from = Math.Max(0, series.From - 1);
            while (from > 0 && double.IsNaN(values[from]))
            {
                from--;
            }

            QcKernels.RateOfChange(values[from..], scratch[from..], rule.Suspect, rule.Fail);
            work.Merge(scratch, from, group, rule, "rate-of-change", "rate-of-change", this);
        }

        for (var group = 0; group < work.GroupCount; group++)
        {
            if (work.RulesOf(group).FlatLine is not { } rule)
            {
                continue;
            }

            // A run is counted up to its fail length: that many slots of context at most.
            var from = Math.Max(0, series.From - rule.Fail + 1);
            QcKernels.FlatLine(values[from..], scratch[from..], rule.Tolerance, rule.Suspect, rule.Fail, rule.Above);
            work.Merge(scratch, from, group, rule, "flat-line", "flat-line", this);
        }

        for (var group = 0; group < work.GroupCount; group++)
        {
            if (work.RulesOf(group).Attenuated is not { } rule)
            {
                continue;
            }

            // The rolling window reaches back its length.
            var from = Math.Max(0, series.From - rule.Window + 1);
            var deviations = deviationArray.AsSpan(from, values.Length - from);
            QcKernels.RollingStd(values[from..], deviations, rule.Window, rule.MinCount);
            QcKernels.Attenuated(values[from..], deviations, scratch[from..], rule.Suspect, rule.Fail);
            work.Merge(scratch, from, group, rule, "low-variance", "low-variance", this);
        }

        foreach (var window in windows)
        {
            if (window.Parameter is not null && window.Parameter != series.Parameter)
            {
                continue;
            }

            for (var i = series.From; i < values.Length; i++)
            {
                if (series.Flags[i] is not null && window.Covers(series.TimeAt(i), series.Kind == DataKind.RealTime ? TimeSpan.Zero : series.Step))
                {
                    work.Merge(i, QcLevel.Fail, window.Flag());
                }
            }
        }
    }

    private void Consistency(Work work, Work[] all, Dictionary<long, int> index)
    {
        var series = work.Series;
        for (var group = 0; group < work.GroupCount; group++)
        {
            if (work.RulesOf(group).Consistency is not { } rule)
            {
                continue;
            }

            foreach (var pair in rule.Pairs)
            {
                if (pair.Smaller != series.Parameter || !index.TryGetValue(Key(work.StationId, Id(_parameterIds, ref _nextParameter, pair.Larger), series.Kind), out var other))
                {
                    continue;
                }

                var larger = all[other];
                // Pairs where either value is wanted: from the earlier of the two series' first wanted slots.
                var largerFrom = larger.Series.Values.Length == 0 ? -1 : series.IndexOf(larger.Series.TimeAt(Math.Min(larger.Series.From, larger.Series.Values.Length - 1)));
                var first = largerFrom < 0 ? 0 : Math.Min(series.From, largerFrom);
                for (var i = first; i < series.Values.Length; i++)
                {
                    var j = SlotOf(larger.Series, Ticks(series, i));
                    if (!work.In(group, i) || j < 0 || (i < series.From && j < larger.Series.From))
                    {
                        continue;
                    }

                    var small = series.Values[i];
                    var large = larger.Series.Values[j];
                    if (double.IsNaN(small) || double.IsNaN(large))
                    {
                        continue;
                    }

                    var broken = small - large > Math.Max(pair.Absolute, pair.Relative * large);
                    var level = broken ? QcLevel.Suspect : QcLevel.Pass;
                    var flag = broken ? Flag(rule, level, pair.Reason) : null;
                    work.Merge(i, level, flag);
                    larger.Merge(j, level, flag);
                }
            }
        }
    }

    // The usable values (not failed, not missing) of every series of a parameter that has a neighbour test, at every
    // time a neighbour test wants, laid out by station id: one small array per (parameter, time), so that reading a
    // station's eight neighbours touches one array that stays in cache instead of eight series spread over the heap.
    private Dictionary<(int Parameter, long Ticks), double[]> NeighbourValues(int count, Work[] work, ParallelOptions parallel)
    {
        var table = new Dictionary<(int Parameter, long Ticks), double[]>();
        var stations = Volatile.Read(ref _nextStation);
        var times = new HashSet<long>();
        for (var s = 0; s < count; s++)
        {
            var series = work[s].Series;
            if (!HasNeighbourTest(work[s]))
            {
                continue;
            }

            for (var i = series.From; i < series.Values.Length; i++)
            {
                var ticks = Ticks(series, i);
                times.Add(ticks);
                if (!table.ContainsKey((work[s].ParameterId, ticks)))
                {
                    var values = new double[stations];
                    Array.Fill(values, double.NaN);
                    table[(work[s].ParameterId, ticks)] = values;
                }
            }
        }

        if (table.Count == 0)
        {
            return table;
        }

        // Each series writes only its own station's cell of each array: the series can be filled in parallel.
        Parallel.For(0, count, parallel, s =>
        {
            var w = work[s];
            foreach (var ticks in times)
            {
                if (SlotOf(w.Series, ticks) is var j and >= 0 && table.TryGetValue((w.ParameterId, ticks), out var values)
                    && w.LevelAt(j) is not (QcLevel.Fail or QcLevel.Missing) && w.StationId < values.Length)
                {
                    values[w.StationId] = w.Series.Values[j];
                }
            }
        });

        return table;
    }

    // Slot times as UTC ticks, without DateTimeOffset arithmetic in the hot loops.
    private static long Ticks(QcSeries series, int slot) => series.Start.UtcTicks + (slot * series.Step.Ticks);

    // The slot of a time given as UTC ticks, or −1.
    private static int SlotOf(QcSeries series, long ticks)
    {
        var offset = ticks - series.Start.UtcTicks;
        var step = series.Step.Ticks;
        return offset < 0 || offset % step != 0 || offset / step >= series.Values.Length ? -1 : (int)(offset / step);
    }

    private static bool HasNeighbourTest(Work work)
    {
        for (var group = 0; group < work.GroupCount; group++)
        {
            if (work.RulesOf(group).Neighbour is not null)
            {
                return true;
            }
        }

        return false;
    }

    private void Neighbours(Work work, Dictionary<(int Parameter, long Ticks), double[]> table)
    {
        var series = work.Series;
        Span<double> values = stackalloc double[64];
        for (var group = 0; group < work.GroupCount; group++)
        {
            if (work.RulesOf(group).Neighbour is not { } rule)
            {
                continue;
            }

            var key = (_ruleIndex[rule], work.StationId);
            if (!_neighbours.TryGetValue(key, out var nearest))
            {
                nearest = _neighbours.GetOrAdd(key, Nearest(rule, series.Station));
            }

            if (nearest.Length < rule.MinNeighbours)
            {
                continue;
            }

            for (var i = series.From; i < series.Values.Length; i++)
            {
                var x = series.Values[i];
                if (!work.In(group, i) || double.IsNaN(x) || !table.TryGetValue((work.ParameterId, Ticks(series, i)), out var at))
                {
                    continue;
                }

                var count = 0;
                foreach (var neighbour in nearest)
                {
                    if (neighbour < at.Length && at[neighbour] is var y && !double.IsNaN(y) && count < values.Length)
                    {
                        values[count++] = y;
                    }
                }

                if (count < rule.MinNeighbours)
                {
                    continue;
                }

                var z = RobustZ(x, values[..count], rule.AbsoluteFloor, rule.RelativeFloor);
                var level = rule.Fail is { } fail && Math.Abs(z) > fail ? QcLevel.Fail : Math.Abs(z) > rule.Suspect ? QcLevel.Suspect : QcLevel.Pass;
                work.Merge(i, level, level > QcLevel.Pass ? Flag(rule, level, "neighbour") : null);
            }
        }
    }

    /// <summary>
    /// The stations whose series the neighbour tests of <paramref name="station"/> use (any parameter): a real-time run
    /// evaluates a station's new values with these stations' series in the block, as context.
    /// </summary>
    public IReadOnlyList<Station> NeighboursOf(Station station)
        => _neighbourStations.GetOrAdd(station.Mn, _ => [.. Configuration.Rules.OfType<NeighbourRule>()
            .Where(r => (r.Scope.Networks.Count == 0 || r.Scope.Networks.Contains(station.Network))
                && (r.Scope.Stations.Count == 0 || r.Scope.Stations.Contains(station.Mn, StringComparer.Ordinal)))
            .SelectMany(r => NearestStations(r, station))
            .DistinctBy(s => s.Mn)]);

    /// <summary>
    /// (x − median) / max(1.4826 · MAD, <paramref name="absoluteFloor"/>, <paramref name="relativeFloor"/> · |median|)
    /// over <paramref name="others"/>, which it reorders.
    /// </summary>
    public static double RobustZ(double x, Span<double> others, double absoluteFloor, double relativeFloor)
    {
        var median = Median(others);
        Span<double> deviations = stackalloc double[others.Length];
        for (var k = 0; k < others.Length; k++)
        {
            deviations[k] = Math.Abs(others[k] - median);
        }

        var scale = Math.Max(1.4826 * Median(deviations), Math.Max(absoluteFloor, relativeFloor * Math.Abs(median)));
        return scale > 0 ? (x - median) / scale : 0;
    }

    private static double Median(Span<double> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            var value = values[i];
            var j = i - 1;
            while (j >= 0 && values[j] > value)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = value;
        }

        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private int[] Nearest(NeighbourRule rule, Station station) => [.. NearestStations(rule, station).Select(s => Id(_stationIds, ref _nextStation, s.Mn))];

    // The nearest stations of the rule's networks within its radius, computed once per station and neighbourhood (the
    // rules of the six pollutants share one): the stations in the latitude band of the radius are found by binary
    // search, a box of the radius filters them before the great-circle distance.
    private Station[] NearestStations(NeighbourRule rule, Station station)
    {
        var networks = rule.NeighbourNetworks.Count > 0 ? rule.NeighbourNetworks : [station.Network];
        var key = (rule.RadiusKm, rule.MaxNeighbours, string.Join(',', networks), station.Mn);
        return _nearest.GetOrAdd(key, _ =>
        {
            var latitude = rule.RadiusKm / 110.5;
            var longitude = rule.RadiusKm / (111.32 * Math.Max(0.01, Math.Cos(station.Latitude * Math.PI / 180)));
            var (low, high) = (0, _byLatitude.Length);
            while (low < high)
            {
                var middle = (low + high) / 2;
                (low, high) = _byLatitude[middle].Latitude < station.Latitude - latitude ? (middle + 1, high) : (low, middle);
            }

            var near = new List<(Station Station, double Km)>();
            for (var i = low; i < _byLatitude.Length && _byLatitude[i].Latitude <= station.Latitude + latitude; i++)
            {
                var other = _byLatitude[i];
                if (other.Mn != station.Mn && Math.Abs(other.Longitude - station.Longitude) <= longitude && networks.Contains(other.Network)
                    && DistanceKm(station, other) is var km && km <= rule.RadiusKm)
                {
                    near.Add((other, km));
                }
            }

            return [.. near.OrderBy(x => x.Km).ThenBy(x => x.Station.Mn, StringComparer.Ordinal).Take(rule.MaxNeighbours).Select(x => x.Station)];
        });
    }

    /// <summary>The great-circle distance between two stations (haversine, mean Earth radius).</summary>
    public static double DistanceKm(Station a, Station b)
    {
        const double radians = Math.PI / 180;
        var dLat = (b.Latitude - a.Latitude) * radians;
        var dLon = (b.Longitude - a.Longitude) * radians;
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(a.Latitude * radians) * Math.Cos(b.Latitude * radians) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * 6371.0088 * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    internal QcFlag Flag(QcRule rule, QcLevel level, string reason)
        => _flags.TryGetValue((rule.Id, level, reason), out var flag) ? flag : _flags.GetOrAdd((rule.Id, level, reason), static (key, r) => r.Flag(key.Level, key.Reason), rule);

    // Dense ids for stations and parameters, handed out under the dictionary's own guarantee (a lost race only skips an id).
    private static int Id(ConcurrentDictionary<string, int> ids, ref int next, string name)
    {
        if (ids.TryGetValue(name, out var id))
        {
            return id;
        }

        var candidate = Interlocked.Increment(ref next) - 1;
        return ids.GetOrAdd(name, candidate);
    }

    private static long Key(int station, int parameter, DataKind kind) => ((long)station << 24) | ((long)parameter << 4) | (long)kind;

    private Resolved Resolve(Station station, int stationId, string parameter, int parameterId, QcCadence cadence, int month)
        => _resolved.TryGetValue((stationId, parameterId, cadence, month), out var known) ? known
            : _resolved.GetOrAdd((stationId, parameterId, cadence, month), static (key, context) =>
            {
                var chosen = new Dictionary<string, QcRule>(StringComparer.Ordinal);
                foreach (var rule in context.Rules.Where(r => r.Scope.Matches(context.Station, context.Parameter, key.Cadence, key.Month)))
                {
                    if (!chosen.TryGetValue(rule.Test, out var current) || rule.Scope.Specificity >= current.Scope.Specificity)
                    {
                        chosen[rule.Test] = rule;
                    }
                }

                return new Resolved(chosen);
            }, (Rules: Configuration.Rules, Station: station, Parameter: parameter));

    internal static int BeijingMonth(DateTimeOffset time) => new DateTime(time.UtcTicks + BeijingOffset, DateTimeKind.Unspecified).Month;

    private const long BeijingOffset = 8 * TimeSpan.TicksPerHour;

    /// <summary>The rule of each test that applies to one series in one month.</summary>
    private sealed class Resolved(Dictionary<string, QcRule> rules)
    {
        public StationFlagRule? Flags { get; } = rules.GetValueOrDefault("station-flag") as StationFlagRule;

        public TimeRule? Time { get; } = rules.GetValueOrDefault("time") as TimeRule;

        public RangeRule? Range { get; } = rules.GetValueOrDefault("range") as RangeRule;

        public ClimatologyRule? Climatology { get; } = rules.GetValueOrDefault("climatology") as ClimatologyRule;

        public SpikeRule? Spike { get; } = rules.GetValueOrDefault("spike") as SpikeRule;

        public RateRule? Rate { get; } = rules.GetValueOrDefault("rate") as RateRule;

        public FlatLineRule? FlatLine { get; } = rules.GetValueOrDefault("flat-line") as FlatLineRule;

        public AttenuatedRule? Attenuated { get; } = rules.GetValueOrDefault("attenuated") as AttenuatedRule;

        public ConsistencyRule? Consistency { get; } = rules.GetValueOrDefault("consistency") as ConsistencyRule;

        public NeighbourRule? Neighbour { get; } = rules.GetValueOrDefault("neighbour") as NeighbourRule;
    }

    /// <summary>
    /// The state of one <see cref="Evaluate"/> call, reused by the next: every slot's roll-up in one array, per series
    /// the flags of its few flagged slots (per series, so that series can be evaluated in parallel), the series being
    /// evaluated, and their index by station, parameter and kind.
    /// </summary>
    private sealed class Run
    {
        public QcLevel[] Levels { get; private set; } = [];

        public Dictionary<int, List<QcFlag>>?[] Flags { get; private set; } = [];

        public Work[] Work { get; private set; } = [];

        public (int Station, int Parameter, int Offset)[] Ids { get; private set; } = [];

        public Dictionary<long, int> Index { get; } = [];


        public Run Reset(int slots, int series)
        {
            Levels = Levels.Length >= slots ? Levels : new QcLevel[slots];
            if (Flags.Length < series)
            {
                (Flags, Work, Ids) = (new Dictionary<int, List<QcFlag>>?[series], new Work[series], new (int, int, int)[series]);
            }
            else
            {
                Array.Clear(Flags, 0, series);
            }

            Index.Clear();
            return this;
        }
    }

    /// <summary>The rule sets of a series that crosses months, and the group of each slot.</summary>
    private sealed record MonthGroups(Resolved[] Groups, byte[] GroupOf, int[] Months);

    /// <summary>
    /// One series being evaluated, a view on its <see cref="Run"/>: the roll-up of every slot and the flags of the
    /// wanted ones. A series within one month has one rule set; one that crosses months has one per month.
    /// </summary>
    private readonly struct Work
    {
        private static readonly byte[] Rank = [0, 2, 1, 3, 4, 0, 0, 0, 0, 0];
        private readonly Run _run;
        private readonly int _index;
        private readonly int _offset;
        private readonly Resolved _rules;
        private readonly MonthGroups? _months;
        private readonly int _month;

        public Work(Run run, int index, int offset, QcSeries series, int station, int parameter, QcEngine engine)
        {
            _run = run;
            _index = index;
            _offset = offset;
            Series = series;
            StationId = station;
            ParameterId = parameter;
            var level = Level;
            for (var i = 0; i < level.Length; i++)
            {
                level[i] = double.IsNaN(series.Values[i]) ? QcLevel.Missing : QcLevel.NotEvaluated;
            }

            var cadence = series.Cadence;
            _month = BeijingMonth(series.Start);
            _rules = engine.Resolve(series.Station, station, series.Parameter, parameter, cadence, _month);
            if (series.Values.Length > 0 && BeijingMonth(series.TimeAt(series.Values.Length - 1)) != _month)
            {
                int[] months = [.. Enumerable.Range(0, series.Values.Length).Select(i => BeijingMonth(series.TimeAt(i)))];
                var distinct = months.Distinct().ToList();
                _months = new MonthGroups([.. distinct.Select(m => engine.Resolve(series.Station, station, series.Parameter, parameter, cadence, m))],
                    [.. months.Select(m => (byte)distinct.IndexOf(m))], months);
            }
        }

        public QcSeries Series { get; }

        public int StationId { get; }

        public int ParameterId { get; }

        public Span<QcLevel> Level => _run.Levels.AsSpan(_offset, Series.Values.Length);

        public QcLevel LevelAt(int slot) => _run.Levels[_offset + slot];

        /// <summary>How many rule sets govern the series (one per month it touches).</summary>
        public int GroupCount => _months?.Groups.Length ?? 1;

        public int Month(int slot) => _months?.Months[slot] ?? _month;

        /// <summary>The rule set of group <paramref name="group"/>.</summary>
        public Resolved RulesOf(int group) => _months?.Groups[group] ?? _rules;

        /// <summary>Whether slot <paramref name="slot"/> is governed by group <paramref name="group"/>.</summary>
        public bool In(int group, int slot) => _months is null || _months.GroupOf[slot] == group;

        public void Merge(int slot, QcLevel level, QcFlag? flag)
        {
            if (level is QcLevel.Missing)
            {
                return;
            }

            ref var current = ref _run.Levels[_offset + slot];
            if (Rank[(int)level] > Rank[(int)current])
            {
                current = level;
            }

            if (flag is not null && slot >= Series.From)
            {
                var flags = _run.Flags[_index] ??= [];
                if (!flags.TryGetValue(slot, out var list))
                {
                    flags[slot] = list = [];
                }

                if (!list.Contains(flag))
                {
                    list.Add(flag);
                }
            }
        }

        public void Merge(ReadOnlySpan<QcLevel> levels, int from, int group, QcRule rule, string suspect, string fail, QcEngine engine)
        {
            var current = Level;
            for (var i = from; i < levels.Length; i++)
            {
                var level = levels[i];
                if (level is QcLevel.Missing || !In(group, i))
                {
                    continue;
                }

                if (level < QcLevel.Suspect)
                {
                    if (Rank[(int)level] > Rank[(int)current[i]])
                    {
                        current[i] = level;
                    }

                    continue;
                }

                Merge(i, level, engine.Flag(rule, level, level == QcLevel.Suspect ? suspect : fail));
            }
        }

        /// <summary>Writes the outcomes of the wanted slots; returns how many.</summary>
        public int Outcomes(Span<QcOutcome> outcomes)
        {
            var level = Level;
            var count = Series.Values.Length - Series.From;
            for (var k = 0; k < count; k++)
            {
                var slot = k + Series.From;
                var l = level[slot];
                outcomes[k] = _run.Flags[_index] is { } perSlot && perSlot.TryGetValue(slot, out var flags) ? new QcOutcome(l, flags)
                    : l switch
                    {
                        QcLevel.Pass => QcOutcome.Passed,
                        QcLevel.NotEvaluated => QcOutcome.Unevaluated,
                        QcLevel.Missing => QcOutcome.Absent,
                        _ => new QcOutcome(l, []),
                    };
            }

            return count;
        }
    }
}
