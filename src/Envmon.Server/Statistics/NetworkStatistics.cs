using Envmon.Monitoring.Quality;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;
using Envmon.Server.Access;
using Envmon.Server.Indicators;
using Envmon.Server.Ingestion;
using Envmon.Server.Interference;
using Envmon.Server.Quality;
using Envmon.Server.Review;
using Envmon.Server.Stations;
using Envmon.Storage;
using Envmon.Storage.Quality;
using Envmon.Storage.Readings;

namespace Envmon.Server.Statistics;

/// <summary>One station's counts for a period: per parameter, its review tasks, and when it last sent data (at all).</summary>
internal sealed record StationCounts(Station Station, IReadOnlyDictionary<string, NetworkCounts> Parameters, NetworkCounts Review, DateTimeOffset? LastData)
{
    /// <summary>The station's roll-up: its parameters and its review tasks.</summary>
    public NetworkCounts Total()
    {
        var total = new NetworkCounts();
        foreach (var counts in Parameters.Values)
        {
            total.Add(counts);
        }

        total.Add(Review);
        return total;
    }
}

/// <summary>
/// The network's own statistics (docs/quality.md §statistics): per station × parameter × period, the counts behind
/// 传输率, 及时率, 数据获取率, 有效率, 有效传输率, 设备运转率 and 审核及时率, from the store (receipts and latencies in
/// DuckDB), the stored QC outcomes, the review decisions and sign-offs and the QA windows; and the networking and
/// online rates from the registry and the live connections.
/// </summary>
internal sealed class NetworkStatistics(
    EnvmonStore store, StationRegistry stations, ConnectionTable links, QaWindows windows, ReviewBook review, CaseBook cases, TimeProvider time)
{
    /// <summary>Minutes after an interval's end by which its data counts as timely (hour hh by hh+1:30, as AirNow).</summary>
    public static readonly TimeSpan Sla = TimeSpan.FromMinutes(30);

    /// <summary>The hourly counts of every station in <paramref name="actor"/>'s scope that should report, for [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IReadOnlyList<StationCounts> Compute(DateTimeOffset from, DateTimeOffset to, Actor actor)
    {
        var now = time.GetUtcNow();
        var end = to < now ? to : HourFloor(now);
        var inScope = stations.All.Where(s => actor.Sees(s) && Reporting(s)).ToDictionary(s => s.Mn, StringComparer.Ordinal);
        var counts = new Dictionary<string, Dictionary<string, NetworkCounts>>(StringComparer.Ordinal);
        var lastData = LastData();
        NetworkCounts Of(string mn, string parameter)
        {
            if (!counts.TryGetValue(mn, out var byParameter))
            {
                counts[mn] = byParameter = new Dictionary<string, NetworkCounts>(StringComparer.Ordinal);
            }

            if (!byParameter.TryGetValue(parameter, out var c))
            {
                byParameter[parameter] = c = new NetworkCounts();
            }

            return c;
        }

        foreach (var station in inScope.Values)
        {
            // Every station in scope has its entry, also one with no parameters due (no factors configured) and no data.
            counts[station.Mn] = new Dictionary<string, NetworkCounts>(StringComparer.Ordinal);
            foreach (var parameter in Expected(station))
            {
                Of(station.Mn, parameter);
            }
        }

        foreach (var group in store.Receipts(DataKind.Hour, TimeSpan.FromHours(1), from, end))
        {
            if (!inScope.ContainsKey(group.Mn))
            {
                continue;
            }

            var c = Of(group.Mn, group.Parameter);
            c.Received += group.Received;
            c.Running += group.Running;
            c.Revised += group.Revised;
            c.Timely += group.LatencyMinutes <= Sla.TotalMinutes ? group.Received : 0;
            c.LatencyMinutes[group.LatencyMinutes] = c.LatencyMinutes.GetValueOrDefault(group.LatencyMinutes) + group.Received;
        }

        var flagged = store.Qc(new QcQuery(Kind: DataKind.Hour, From: from, To: end, AtLeast: QcLevel.Suspect))
            .Where(r => inScope.ContainsKey(r.Mn)).ToList();
        var failed = flagged.Where(r => r.Level == QcLevel.Fail).Select(r => (r.Mn, r.Parameter, r.Time)).ToHashSet();
        foreach (var record in flagged)
        {
            var c = Of(record.Mn, record.Parameter);
            (c.Suspect, c.Fail) = (c.Suspect + (record.Level == QcLevel.Suspect ? 1 : 0), c.Fail + (record.Level == QcLevel.Fail ? 1 : 0));
        }

        var dates = store.StationDates(DataKind.Hour, from, end);
        foreach (var (mn, byParameter) in counts)
        {
            var station = inScope[mn];
            var step = Step(station);
            var stationWindows = windows.Of(mn, from, end).ToList();
            foreach (var (parameter, c) in byParameter)
            {
                for (var slot = Ceiling(from, step); slot < end; slot += step)
                {
                    c.Due++;
                    c.QaExcluded += stationWindows.Any(w => (w.Parameter is null || w.Parameter == parameter) && w.Covers(slot, step)) ? 1 : 0;
                }

                c.Valid = c.Received;
            }

            // Invalid: failed by automatic QC unless a reviewer said valid, or invalidated by a reviewer.
            if (review.HasMarks(mn, from, end))
            {
                foreach (var stored in store.Readings(new ReadingQuery(mn, null, DataKind.Hour, from, end)))
                {
                    var r = stored.Reading;
                    var valid = review.DecisionFor(mn, r.Parameter, DataKind.Hour, r.Time) is { } decision ? decision.Valid : !failed.Contains((mn, r.Parameter, r.Time));
                    Of(mn, r.Parameter).Valid -= valid ? 0 : 1;
                }
            }
            else
            {
                foreach (var (fmn, parameter, _) in failed.Where(f => f.Mn == mn))
                {
                    Of(fmn, parameter).Valid--;
                }
            }
        }

        return [.. inScope.Values.OrderBy(s => s.Mn, StringComparer.Ordinal).Select(s => new StationCounts(s, counts[s.Mn], Reviews(s, dates.GetValueOrDefault(s.Mn), now),
            lastData.TryGetValue(s.Mn, out var last) ? last : null))];
    }

    /// <summary>Whether the station should report: built, accepted or connected (not planned, under construction, suspended or decommissioned).</summary>
    public static bool Reporting(Station station) => station.Status is LifecycleStatus.Built or LifecycleStatus.Accepted or LifecycleStatus.Connected;

    /// <summary>Whether the station has sent data within the last day: a working data link (联网).</summary>
    public static bool Linked(StationCounts counts, DateTimeOffset now) => counts.LastData is { } last && now - last <= TimeSpan.FromDays(1);

    // When each station last sent data: the newest of its live connection's last data and its newest stored reading.
    private Dictionary<string, DateTimeOffset> LastData()
    {
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var latest in store.Latest())
        {
            var time = latest.Reading.Time;
            last[latest.Reading.Mn] = last.TryGetValue(latest.Reading.Mn, out var known) && known > time ? known : time;
        }

        foreach (var link in links.Links)
        {
            if (link.LastData is { } data && (!last.TryGetValue(link.Mn, out var known) || data > known))
            {
                last[link.Mn] = data;
            }
        }

        return last;
    }

    /// <summary>The open (new or investigating) and confirmed interference cases of <paramref name="mns"/> that overlap the period.</summary>
    public (int Open, int Confirmed) Cases(IEnumerable<string> mns, DateTimeOffset from, DateTimeOffset to)
    {
        var set = mns.ToHashSet(StringComparer.Ordinal);
        var overlapping = cases.All().Where(c => set.Contains(c.Mn) && c.From < to && c.To > from).ToList();
        return (overlapping.Count(c => c.Status is "new" or "investigating"), overlapping.Count(c => c.Status == "confirmed"));
    }

    /// <summary>Whether the station is connected and within its cadence now (在线).</summary>
    public bool Online(Station station) => links.Find(station.Mn) is { } link && links.IsOnline(link, station);

    // The parameters a station is expected to report: its mapped factors, else the six pollutants of an air station.
    private static IEnumerable<string> Expected(Station station)
        => station.Profile.Factors.Count > 0 ? station.Profile.Factors.Select(f => f.Parameter).Distinct(StringComparer.Ordinal)
            : station.Network.IsAir() ? AirRollup.Pollutants : [];

    // 审核及时率: every day with data whose deadline has passed is a task at each level that applies to the station.
    private NetworkCounts Reviews(Station station, List<DateOnly>? dates, DateTimeOffset now)
    {
        var counts = new NetworkCounts();
        foreach (var date in dates ?? [])
        {
            for (var level = 0; level < review.Levels.Count; level++)
            {
                var deadline = review.Levels[level].Deadline(date);
                if ((level == 0 && station.Operator is null) || deadline > now)
                {
                    continue;
                }

                counts.ReviewDue++;
                counts.ReviewOnTime += review.SignedAt(station.Mn, date, level) is { } signed && signed <= deadline ? 1 : 0;
            }
        }

        return counts;
    }

    private static TimeSpan Step(Station station) => station.Network.IsWater() ? TimeSpan.FromHours(4) : TimeSpan.FromHours(1);

    private static DateTimeOffset HourFloor(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    private static DateTimeOffset Ceiling(DateTimeOffset time, TimeSpan step)
    {
        var ticks = time.UtcTicks % step.Ticks;
        return ticks == 0 ? time.ToUniversalTime() : new DateTimeOffset(time.UtcTicks - ticks + step.Ticks, TimeSpan.Zero);
    }
}
