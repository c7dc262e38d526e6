using System.Text.Json;
using Envmon.Monitoring.Quality;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;
using Envmon.Server.Access;
using Envmon.Server.Stations;
using Envmon.Storage;
using Envmon.Storage.Quality;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Envmon.Server.Quality;

/// <summary>What a QC run changed.</summary>
public sealed record QcRunView(int Config, int Series, long Values, int Changed, int Suspect, int Fail);

/// <summary>
/// The automatic QC of the server (docs/quality.md). In real time: hourly readings are evaluated once committed, in
/// small gathered batches, each with its look-back and its neighbours' series as context; at
/// <see cref="QualityOptions.HourClose"/> after every hour the whole network's hour is evaluated again together, so
/// that each neighbour test sees every neighbour. Hourly data older than the window (recalls, backfills) has its
/// Beijing day checked again from the store. In batch (<see cref="Run"/>): any kind over any period, from the
/// store, for a new configuration or an audit. Only outcomes that differ
/// from the stored ones are stored, so re-runs are idempotent. The configuration is the newest <c>qc-config.set</c>
/// of the audit log, or the default.
/// </summary>
internal sealed class QcRunner : BackgroundService
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly EnvmonStore _store;
    private readonly StationRegistry _stations;
    private readonly QaWindows _windows;
    private readonly TimeProvider _time;
    private readonly QualityOptions _options;
    private readonly ILogger<QcRunner> _logger;
    private readonly HourWindow _window = new();
    private readonly SeriesCopies _copies = new();
    private readonly Lock _evaluating = new();
    private readonly Lock _pending = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Dictionary<(string Mn, string Parameter, long Hour), QcOutcome> _known = [];
    private Dictionary<string, long> _touched = new(StringComparer.Ordinal);
    private HashSet<DateOnly> _lateDays = [];
    private (QcEngine Engine, int Stations)? _engine;
    private QcConfiguration _configuration;

    public QcRunner(EnvmonStore store, StationRegistry stations, QaWindows windows, TimeProvider time, IOptions<QualityOptions> options, ILogger<QcRunner> logger)
    {
        _store = store;
        _stations = stations;
        _windows = windows;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _configuration = store.AuditLog("qc-config.set") is { Count: > 0 } set ? QcConfiguration.Parse(set[^1].Detail) : QcConfiguration.Default;
    }

    public QcConfiguration Configuration => _configuration;

    /// <summary>Raised with the Beijing dates whose stored outcomes changed (the reviewed indicators depend on them).</summary>
    public event Action<IReadOnlyCollection<DateOnly>>? Changed;

    /// <summary>Replaces the configuration (its version must be newer), recorded in the audit log; later evaluations use it.</summary>
    /// <exception cref="FormatException">The text is not a valid configuration.</exception>
    /// <exception cref="ArgumentException">Its version is not newer than the current one.</exception>
    public QcConfiguration Configure(string json, Actor by)
    {
        var configuration = QcConfiguration.Parse(json);
        lock (_evaluating)
        {
            if (configuration.Version <= _configuration.Version)
            {
                throw new ArgumentException($"the new configuration's version ({configuration.Version}) must be greater than the current one's ({_configuration.Version})");
            }

            _store.Audit(by.Name, "qc-config.set", $"v{configuration.Version}", json, _time.GetUtcNow());
            _configuration = configuration;
            _engine = null;
            return configuration;
        }
    }

    /// <summary>The stations the neighbour tests of <paramref name="station"/> compare it with.</summary>
    public IReadOnlyList<Station> NeighboursOf(Station station) => Engine().NeighboursOf(station);

    /// <summary>Takes committed readings with when they were received; the hourly ones are evaluated shortly.</summary>
    public void Add(IEnumerable<(Reading Reading, DateTimeOffset Received)> readings)
    {
        var oldest = HourWindow.HourOf(_time.GetUtcNow()) - HourWindow.Hours + _options.LookBackHours + 2;
        var added = false;
        lock (_pending)
        {
            foreach (var (reading, received) in readings)
            {
                var hour = HourWindow.HourOf(reading.Time);
                if (reading.Kind == DataKind.Hour && hour < oldest)
                {
                    // Older than the window (a recall, a late backfill): its Beijing day is checked again from the store.
                    added |= _lateDays.Add(DateOnly.FromDateTime(reading.Time.ToOffset(Beijing).DateTime));
                    continue;
                }

                if (reading.Kind != DataKind.Hour || !_window.Add(reading, received))
                {
                    continue;
                }

                _touched[reading.Mn] = _touched.TryGetValue(reading.Mn, out var first) ? Math.Min(first, hour) : hour;
                added = true;
            }
        }

        if (added)
        {
            _signal.Release();
        }
    }

    /// <summary>Fills the window from the store's recent hours and what is stored of their outcomes (at start).</summary>
    public void Load()
    {
        var from = HourWindow.Start(HourWindow.HourOf(_time.GetUtcNow()) - HourWindow.Hours + 1);
        foreach (var (reading, received) in _store.ReadingsReceived(DataKind.Hour, from, DateTimeOffset.MaxValue))
        {
            _window.Add(reading, received);
        }

        lock (_evaluating)
        {
            foreach (var record in _store.Qc(new QcQuery(Kind: DataKind.Hour, From: from)))
            {
                _known[(record.Mn, record.Parameter, HourWindow.HourOf(record.Time))] = new QcOutcome(record.Level, record.Flags);
            }
        }
    }

    /// <summary>Evaluates what was added since the last call (the background loop calls it; tests may too).</summary>
    public QcRunView EvaluatePending()
    {
        // Under the evaluation lock: whoever returns from here has seen everything added before the call evaluated and stored.
        lock (_evaluating)
        {
            Dictionary<string, long> touched;
            lock (_pending)
            {
                (touched, _touched) = (_touched, new Dictionary<string, long>(StringComparer.Ordinal));
            }

            var now = HourWindow.HourOf(_time.GetUtcNow());
            return touched.Count == 0 ? new QcRunView(_configuration.Version, 0, 0, 0, 0, 0) : Evaluate(touched, now);
        }
    }

    /// <summary>Checks again, from the store, the Beijing days that got hourly data older than the window.</summary>
    public void EvaluateLateDays()
    {
        HashSet<DateOnly> days;
        lock (_pending)
        {
            (days, _lateDays) = (_lateDays, []);
        }

        foreach (var day in days.Order())
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Beijing);
            Run(DataKind.Hour, start, start.AddDays(1), Actor.System);
        }
    }

    /// <summary>Evaluates every station's hour <paramref name="hour"/> (and the hour before, whose spike test waited for it).</summary>
    public QcRunView CloseHour(long hour) => Evaluate(_window.Stations.ToDictionary(mn => mn, _ => hour, StringComparer.Ordinal), hour);

    /// <summary>Evaluates <paramref name="kind"/> data of [<paramref name="from"/>, <paramref name="to"/>) from the store, a Beijing day at a time, and stores what changed.</summary>
    public QcRunView Run(DataKind kind, DateTimeOffset from, DateTimeOffset to, Actor by)
    {
        var engine = Engine();
        var stations = _stations.All.ToDictionary(s => s.Mn, StringComparer.Ordinal);
        int series = 0, changed = 0, suspect = 0, fail = 0;
        long values = 0;
        var day = from;
        while (day < to)
        {
            var end = Min(day.AddDays(1), to);
            var lookBack = StepOf(kind) * (kind == DataKind.Minute ? 120 : _options.LookBackHours);
            var block = new List<QcSeries>();
            // One step past the day's end is read as context too: the day's last value needs its right-hand neighbour for the spike test.
            foreach (var group in _store.ReadingsReceived(kind, day - lookBack, end + StepOf(kind)).GroupBy(r => (r.Reading.Mn, r.Reading.Parameter)))
            {
                if (!stations.TryGetValue(group.Key.Mn, out var station))
                {
                    continue;
                }

                var step = kind == DataKind.Minute ? QcCadence.Minute.Step(station.Profile) : StepOf(kind);
                var start = day - lookBack;
                var length = (int)((end - start).Ticks / step.Ticks) + 1;
                var (v, f, r) = (new double[length], new string?[length], new DateTimeOffset?[length]);
                Array.Fill(v, double.NaN);
                foreach (var (reading, received) in group)
                {
                    var slot = (reading.Time - start).Ticks / step.Ticks;
                    if ((reading.Time - start).Ticks % step.Ticks == 0 && slot < length)
                    {
                        (v[slot], f[slot], r[slot]) = (reading.Value ?? double.NaN, reading.Flag, received);
                    }
                }

                block.Add(new QcSeries
                {
                    Station = station,
                    Parameter = group.Key.Parameter,
                    Kind = kind,
                    Start = start,
                    Step = step,
                    Values = v,
                    Flags = f,
                    Received = r,
                    From = (int)((day - start).Ticks / step.Ticks),
                });
            }

            var stored = _store.Qc(new QcQuery(Kind: kind, From: day, To: end)).ToDictionary(q => (q.Mn, q.Parameter, q.Time));
            var results = engine.Evaluate(block, [.. block.Select(s => s.Station.Mn).Distinct().SelectMany(mn => _windows.Of(mn, day - lookBack, end))]);
            var (dayValues, daySuspect, dayFail, records) = Changes(block, results, engine.Configuration.Version, end,
                (item, time) => stored.TryGetValue((item.Station.Mn, item.Parameter, time), out var record) ? new QcOutcome(record.Level, record.Flags) : null);
            (values, suspect, fail) = (values + dayValues, suspect + daySuspect, fail + dayFail);
            Save(records);
            series += block.Count;
            changed += records.Count;
            day = end;
        }

        var view = new QcRunView(engine.Configuration.Version, series, values, changed, suspect, fail);
        _store.Audit(by.Name, "qc.run", $"{kind.Name()} {from:O}/{to:O}", JsonSerializer.Serialize(view, ServerJson.Default.QcRunView), _time.GetUtcNow());
        return view;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var closed = HourWindow.HourOf(_time.GetUtcNow() - _options.HourClose) - 1;
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = HourWindow.Start(closed + 2) + _options.HourClose;
            var wait = Max(due - _time.GetUtcNow(), TimeSpan.Zero);
            try
            {
                if (await _signal.WaitAsync(wait, stoppingToken).ConfigureAwait(false))
                {
                    await Task.Delay(_options.Delay, _time, stoppingToken).ConfigureAwait(false);
                    EvaluatePending();
                    EvaluateLateDays();
                }

                if (_time.GetUtcNow() >= due)
                {
                    closed++;
                    CloseHour(closed);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.QcFailed(e);
            }
        }
    }

    // Evaluates, for each station of targets, its hours from (its first touched hour − 1) to lastHour, with its
    // look-back and its neighbours as context, and stores the outcomes that changed.
    private QcRunView Evaluate(Dictionary<string, long> targets, long lastHour)
    {
        lock (_evaluating)
        {
            var engine = Engine();
            var first = targets.Values.Min() - 1;
            var start = first - _options.LookBackHours;
            var length = (int)(lastHour - start + 1);
            var included = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (mn, hour) in targets)
            {
                if (_stations.Find(mn) is not { } station)
                {
                    continue;
                }

                included[mn] = hour - 1;
                foreach (var neighbour in engine.NeighboursOf(station))
                {
                    included.TryAdd(neighbour.Mn, long.MaxValue);
                }
            }

            var block = new List<QcSeries>();
            var windows = new List<QaWindow>();
            foreach (var (mn, from) in included)
            {
                if (_stations.Find(mn) is not { } station)
                {
                    continue;
                }

                windows.AddRange(_windows.Of(mn, HourWindow.Start(start), HourWindow.Start(lastHour + 1)));
                foreach (var parameter in _window.Parameters(mn))
                {
                    var (values, flags, received) = _copies.Rent(length);
                    _window.Copy(mn, parameter, start, values, flags, received);
                    block.Add(new QcSeries
                    {
                        Station = station,
                        Parameter = parameter,
                        Kind = DataKind.Hour,
                        Start = HourWindow.Start(start),
                        Step = TimeSpan.FromHours(1),
                        Values = values,
                        Flags = flags,
                        Received = received,
                        From = (int)Math.Clamp(from - start, 0, length),
                    });
                }
            }

            var results = engine.Evaluate(block, windows);
            var (count, suspect, fail, records) = Changes(block, results, engine.Configuration.Version, DateTimeOffset.MaxValue,
                (series, time) => _known.GetValueOrDefault((series.Station.Mn, series.Parameter, HourWindow.HourOf(time))));
            foreach (var record in records)
            {
                _known[(record.Mn, record.Parameter, HourWindow.HourOf(record.Time))] = new QcOutcome(record.Level, record.Flags);
            }

            Save(records);
            _copies.Return(block);
            Evict(lastHour - HourWindow.Hours);
            return new QcRunView(engine.Configuration.Version, block.Count, count, records.Count, suspect, fail);
        }
    }

    // Tallies the outcomes of a run (slots before until) and keeps, as records to store, those that differ from what is known.
    private static (long Values, int Suspect, int Fail, List<QcRecord> Records) Changes(
        List<QcSeries> block, QcResults results, int config, DateTimeOffset until, Func<QcSeries, DateTimeOffset, QcOutcome?> known)
    {
        long values = 0;
        int suspect = 0, fail = 0;
        var records = new List<QcRecord>();
        for (var s = 0; s < block.Count; s++)
        {
            var series = block[s];
            for (var i = 0; i < results[s].Count; i++)
            {
                var outcome = results[s][i];
                var time = series.TimeAt(series.From + i);
                if (time >= until)
                {
                    continue;
                }

                values += outcome.Level == QcLevel.Missing ? 0 : 1;
                suspect += outcome.Level == QcLevel.Suspect ? 1 : 0;
                fail += outcome.Level == QcLevel.Fail ? 1 : 0;
                if (Differs(outcome, known(series, time)))
                {
                    records.Add(new QcRecord(series.Station.Mn, series.Parameter, series.Kind, time, outcome.Level, outcome.Flags, config));
                }
            }
        }

        return (values, suspect, fail, records);
    }

    private void Save(List<QcRecord> records)
    {
        _store.SaveQc(records, _time.GetUtcNow());
        if (records.Count > 0)
        {
            Changed?.Invoke([.. records.Select(r => DateOnly.FromDateTime(r.Time.ToOffset(TimeSpan.FromHours(8)).DateTime)).Distinct()]);
        }
    }

    // An outcome is stored when it says more than "passed" (or "not evaluated", or "missing"), or when it replaces a stored one.
    private static bool Differs(QcOutcome outcome, QcOutcome? known)
        => known is null ? outcome.Flags.Count > 0 || outcome.Level is QcLevel.Suspect or QcLevel.Fail : !outcome.SameAs(known);

    private void Evict(long before)
    {
        if (_known.Count > 0 && _known.Keys.Any(k => k.Hour < before))
        {
            foreach (var key in _known.Keys.Where(k => k.Hour < before).ToList())
            {
                _known.Remove(key);
            }
        }
    }

    private QcEngine Engine()
    {
        var count = _stations.Version;
        if (_engine is not { } current || current.Stations != count)
        {
            _engine = current = (new QcEngine(_configuration, _stations.All), count);
        }

        return current.Engine;
    }

    private static TimeSpan StepOf(DataKind kind) => kind switch
    {
        DataKind.Day => TimeSpan.FromDays(1),
        DataKind.Hour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromMinutes(1),
    };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // The arrays real-time evaluations copy the window's series into, kept for the next evaluation (under the
    // evaluation lock): each evaluation copies the look-back of the touched stations and their neighbours, nearly
    // always of the same length. At most MaxKept sets per length are kept.
    private sealed class SeriesCopies
    {
        private const int MaxKept = 8192;
        private readonly Dictionary<int, Stack<(double[], string?[], DateTimeOffset?[])>> _kept = [];

        public (double[] Values, string?[] Flags, DateTimeOffset?[] Received) Rent(int length)
            => _kept.TryGetValue(length, out var kept) && kept.TryPop(out var set) ? set : (new double[length], new string?[length], new DateTimeOffset?[length]);

        public void Return(List<QcSeries> block)
        {
            foreach (var series in block)
            {
                var length = series.Values.Length;
                if (!_kept.TryGetValue(length, out var kept))
                {
                    _kept[length] = kept = new Stack<(double[], string?[], DateTimeOffset?[])>();
                }

                if (kept.Count < MaxKept)
                {
                    kept.Push((series.Values, series.Flags, series.Received!));
                }
            }
        }
    }
}
