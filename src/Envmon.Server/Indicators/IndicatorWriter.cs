using System.Text.Json;
using Envmon.Monitoring.Quality;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;
using Envmon.Server.Review;
using Envmon.Server.Stations;
using Envmon.Storage;
using Envmon.Storage.Indicators;
using Envmon.Storage.Quality;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Envmon.Server.Indicators;

/// <summary>
/// Stores the indicators as the data changes (docs/indicators.md): the station and city hours the
/// <see cref="AirRollup"/> recomputed, the water samples and days and noise days of the <see cref="SectionRollup"/>, and the daily AQI of every Beijing date that got an hourly air reading
/// (preliminary, and reviewed: with the review decisions and the automatic QC applied), recomputed from the store (<see cref="AirDays"/>), so late, recalled or resent data of any age gives the same
/// stored result as data in order. Work is coalesced for <see cref="ServerOptions.IndicatorDelay"/>; a result equal
/// to the stored one is not stored again, so recomputation is idempotent. A failed write is logged and retried with
/// the next work: the readings it comes from are already durable.
/// </summary>
internal sealed class IndicatorWriter(
    EnvmonStore store, StationRegistry stations, ReviewBook review, TimeProvider time, IOptions<ServerOptions> options, ILogger<IndicatorWriter> logger)
    : BackgroundService
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly Lock _lock = new();
    private readonly Lock _writing = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Dictionary<(IndicatorScope, string, IndicatorPeriod, DateTimeOffset), string> _saved = [];
    private Dictionary<(IndicatorScope, string, IndicatorPeriod, DateTimeOffset), IndicatorRecord> _records = [];
    private HashSet<DateOnly> _days = [];

    /// <summary>
    /// Queues the hours <paramref name="air"/> holds, the water samples and days and noise days <paramref name="sections"/>
    /// holds, and the dates of the hourly air readings among <paramref name="readings"/> (for their days).
    /// </summary>
    public void Enqueue(HourlyChanges air, SectionChanges? sections, IEnumerable<Reading> readings)
    {
        var hours = air.Stations.Select(h => Hour(IndicatorScope.Station, h)).Concat(air.Cities.Select(h => Hour(IndicatorScope.City, h))).ToList();
        if (sections is not null)
        {
            hours.AddRange(sections.Samples.Select(w => new IndicatorRecord(IndicatorScope.WaterSection, w.Mn, IndicatorPeriod.Hour, w.Time, null,
                JsonSerializer.Serialize(WaterView.Of(w), ServerJson.Default.WaterView))));
            hours.AddRange(sections.Days.Select(w => new IndicatorRecord(IndicatorScope.WaterSection, w.Mn, IndicatorPeriod.Day, w.Time, null,
                JsonSerializer.Serialize(WaterView.Of(w), ServerJson.Default.WaterView))));
            hours.AddRange(sections.Noise.Select(n => new IndicatorRecord(IndicatorScope.NoiseStation, n.Mn, IndicatorPeriod.Day,
                new DateTimeOffset(n.Date.ToDateTime(TimeOnly.MinValue), Beijing), null, JsonSerializer.Serialize(NoiseView.Of(n), ServerJson.Default.NoiseView))));
        }

        var days = new HashSet<DateOnly>();
        foreach (var reading in readings)
        {
            if (reading.Kind == DataKind.Hour && Array.IndexOf(AirRollup.Pollutants, reading.Parameter) >= 0 && stations.Find(reading.Mn)?.Network.IsAir() == true)
            {
                days.Add(DateOnly.FromDateTime(reading.Time.ToOffset(Beijing).DateTime));
            }
        }

        if (hours.Count == 0 && days.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var record in hours)
            {
                _records[(record.Scope, record.Code, record.Period, record.Start)] = record;
            }

            _days.UnionWith(days);
        }

        _signal.Release();
    }

    /// <summary>Queues the recomputation of <paramref name="days"/>.</summary>
    public void Recompute(IEnumerable<DateOnly> days)
    {
        lock (_lock)
        {
            _days.UnionWith(days);
        }

        _signal.Release();
    }

    /// <summary>Writes what is queued now: the changed hours, then every queued day recomputed from the store.</summary>
    public void Write()
    {
        lock (_writing)
        {
            WriteQueued();
        }
    }

    private void WriteQueued()
    {
        Dictionary<(IndicatorScope, string, IndicatorPeriod, DateTimeOffset), IndicatorRecord> hours;
        HashSet<DateOnly> days;
        lock (_lock)
        {
            (hours, _records) = (_records, []);
            (days, _days) = (_days, []);
        }

        try
        {
            var now = time.GetUtcNow();
            Save([.. hours.Values], now);
            foreach (var day in days.Order())
            {
                var (stationDays, cityDays) = AirDays.Compute(store, stations.All, day, 1);
                var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Beijing);
                LoadSaved(IndicatorScope.Station, IndicatorPeriod.Day, start, start.AddDays(1));
                LoadSaved(IndicatorScope.City, IndicatorPeriod.Day, start, start.AddDays(1));
                Save([.. stationDays.Select(d => Day(IndicatorScope.Station, d.Mn, start, d.Report.Aqi, DayView.Of(d))),
                    .. cityDays.Where(d => d.Stations > 0).Select(d => Day(IndicatorScope.City, d.City, start, d.Report.Aqi, DayView.Of(d)))], now);

                // The reviewed days: a reviewer's decision where there is one, else the automatic QC (failed values left out).
                var failed = store.Qc(new QcQuery(Kind: DataKind.Hour, From: start, To: start.AddDays(1), AtLeast: QcLevel.Fail))
                    .Select(r => (r.Mn, r.Parameter, r.Time)).ToHashSet();
                var (reviewedStations, reviewedCities) = AirDays.Compute(store, stations.All, day, 1,
                    (mn, parameter, hour) => review.DecisionFor(mn, parameter, DataKind.Hour, hour) is { } decision ? decision.Valid : !failed.Contains((mn, parameter, hour)));
                LoadSaved(IndicatorScope.ReviewedStation, IndicatorPeriod.Day, start, start.AddDays(1));
                LoadSaved(IndicatorScope.ReviewedCity, IndicatorPeriod.Day, start, start.AddDays(1));
                Save([.. reviewedStations.Select(d => Day(IndicatorScope.ReviewedStation, d.Mn, start, d.Report.Aqi, DayView.Of(d))),
                    .. reviewedCities.Where(d => d.Stations > 0).Select(d => Day(IndicatorScope.ReviewedCity, d.City, start, d.Report.Aqi, DayView.Of(d)))], now);
            }

            Evict(now - AirRollup.Window - TimeSpan.FromDays(1));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.IndicatorsFailed(hours.Count, days.Count, e);
            lock (_lock)
            {
                foreach (var (key, record) in hours)
                {
                    _records.TryAdd(key, record);
                }

                _days.UnionWith(days);
            }
        }
    }

    /// <summary>Reads what is stored from <paramref name="from"/> on (hours, water and noise), so that an unchanged result is not stored again.</summary>
    public void LoadSaved(DateTimeOffset from)
    {
        using var writing = _writing.EnterScope();
        LoadSaved(IndicatorScope.Station, IndicatorPeriod.Hour, from, null);
        LoadSaved(IndicatorScope.City, IndicatorPeriod.Hour, from, null);
        LoadSaved(IndicatorScope.WaterSection, IndicatorPeriod.Hour, from, null);
        LoadSaved(IndicatorScope.WaterSection, IndicatorPeriod.Day, from.AddDays(-1), null);
        LoadSaved(IndicatorScope.NoiseStation, IndicatorPeriod.Day, from.AddDays(-1), null);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(options.Value.IndicatorDelay, time, stoppingToken).ConfigureAwait(false);
                while (_signal.CurrentCount > 0)
                {
                    await _signal.WaitAsync(stoppingToken).ConfigureAwait(false);
                }

                await Task.Run(Write, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued is written once more below.
        }

        Write();
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }

    private static IndicatorRecord Hour(IndicatorScope scope, HourlyAqi hour)
        => new(scope, hour.Code, IndicatorPeriod.Hour, hour.Hour, hour.Report.Aqi, JsonSerializer.Serialize(AqiView.Of(hour), ServerJson.Default.AqiView));

    private static IndicatorRecord Day(IndicatorScope scope, string code, DateTimeOffset start, int? aqi, DayView view)
        => new(scope, code, IndicatorPeriod.Day, start, aqi, JsonSerializer.Serialize(view, ServerJson.Default.DayView));

    private void Save(List<IndicatorRecord> records, DateTimeOffset now)
    {
        var changed = records.Where(r => !_saved.TryGetValue((r.Scope, r.Code, r.Period, r.Start), out var saved) || saved != r.Detail).ToList();
        store.SaveIndicators(changed, now);
        foreach (var r in changed)
        {
            _saved[(r.Scope, r.Code, r.Period, r.Start)] = r.Detail;
        }
    }

    private void LoadSaved(IndicatorScope scope, IndicatorPeriod period, DateTimeOffset from, DateTimeOffset? to)
    {
        foreach (var r in store.Indicators(new IndicatorQuery(scope, period, From: from, To: to)))
        {
            _saved[(r.Scope, r.Code, r.Period, r.Start)] = r.Detail;
        }
    }

    private void Evict(DateTimeOffset oldest)
    {
        foreach (var key in _saved.Keys.Where(k => k.Item4 < oldest).ToList())
        {
            _saved.Remove(key);
        }
    }
}
