using Envmon.Monitoring.Quality;
using Envmon.Monitoring.Stations;
using Envmon.Server.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Envmon.Server.Statistics;

/// <summary>A rate with its numerator and denominator.</summary>
public sealed record RatioView(long Numerator, long Denominator, double? Rate)
{
    public static RatioView Of(Ratio r) => new(r.Numerator, r.Denominator, r.Value is { } v ? Math.Round(v, 4) : null);
}

/// <summary>One row of the network statistics: a station, a station's parameter, or a roll-up, with every count and rate.</summary>
public sealed record StatisticsRow(
    string Key, string Name, int Stations, long Due, long Received, long Timely, long Valid, long QaExcluded, long Running, long Revised, long Suspect, long Fail,
    RatioView Transmission, RatioView Timeliness, RatioView Capture, RatioView Validity, RatioView EffectiveTransmission, RatioView InstrumentRunning,
    RatioView ReviewTimeliness, int? LatencyP50Minutes, int? LatencyP95Minutes)
{
    public static StatisticsRow Of(string key, string name, int stations, NetworkCounts c) => new(
        key, name, stations, c.Due, c.Received, c.Timely, c.Valid, c.QaExcluded, c.Running, c.Revised, c.Suspect, c.Fail, RatioView.Of(c.Transmission),
        RatioView.Of(c.Timeliness), RatioView.Of(c.Capture), RatioView.Of(c.Validity), RatioView.Of(c.EffectiveTransmission), RatioView.Of(c.InstrumentRunning),
        RatioView.Of(c.ReviewTimeliness), c.Latency(0.5), c.Latency(0.95));
}

/// <summary>A station that should be linked and is not (建成一个、联网一个).</summary>
public sealed record UnlinkedView(string Mn, string Name, string City, string? CityName, string Network, string Status, DateTimeOffset? LastData);

/// <summary>联网率 and 在线率: stations that should report, those with a working link, those online now, and the hours with data.</summary>
public sealed record NetworkingView(RatioView Networking, RatioView OnlineNow, RatioView OnlineHours, UnlinkedView[] Unlinked);

/// <summary>A 真准全快新 scorecard row with the counts it comes from.</summary>
public sealed record ScorecardRow(string Key, string Name, int Stations, double? Authentic, double? Accurate, double? Complete, double? Timely, double? Fresh,
    double? Overall, int OpenCases, int ConfirmedCases, StatisticsRow Counts);

/// <summary>
/// <c>/api/v1/stats</c> (<c>?from=&amp;to=&amp;by=station|parameter|city|county|network|province</c>),
/// <c>/api/v1/stats/networking</c> and <c>/api/v1/stats/scorecard</c>, for the stations in the caller's scope.
/// </summary>
internal static class StatisticsApi
{
    public static readonly string[] Groupings = ["station", "parameter", "city", "county", "network", "province"];

    public static void MapStatistics(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/stats").RequireUser();
        group.MapGet("", Results<TableResult<StatisticsRow>, ProblemHttpResult> (HttpContext http, NetworkStatistics statistics, DateTimeOffset from, DateTimeOffset to, string? by) =>
        {
            by ??= "station";
            if (Check(from, to, by) is { } problem)
            {
                return problem;
            }

            var counts = statistics.Compute(from, to, http.Actor());
            if (by == "parameter")
            {
                return Table.Of(counts.SelectMany(s => s.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => StatisticsRow.Of($"{s.Station.Mn}/{p.Key}", $"{s.Station.Name} {p.Key}", 1, p.Value))));
            }

            return Table.Of(Groups(counts, by).Select(g => StatisticsRow.Of(g.Key, g.Name, g.Members.Count, Sum(g.Members))));
        });
        group.MapGet("/networking", Results<Ok<NetworkingView>, ProblemHttpResult> (HttpContext http, NetworkStatistics statistics, DateTimeOffset from, DateTimeOffset to) =>
        {
            if (Check(from, to, "station") is { } problem)
            {
                return problem;
            }

            var now = DateTimeOffset.UtcNow;
            var counts = statistics.Compute(from, to, http.Actor());
            var unlinked = counts.Where(c => !NetworkStatistics.Linked(c, now)).ToList();
            var online = counts.Count(c => statistics.Online(c.Station));
            long hours = 0, due = 0;
            foreach (var c in counts)
            {
                var slots = c.Parameters.Values.Select(p => p.Due).DefaultIfEmpty(0).Max();
                due += slots;
                hours += Math.Min(slots, c.Parameters.Values.Select(p => p.Received).DefaultIfEmpty(0).Max());
            }

            return TypedResults.Ok(new NetworkingView(RatioView.Of(new Ratio(counts.Count - unlinked.Count, counts.Count)),
                RatioView.Of(new Ratio(online, counts.Count - unlinked.Count)), RatioView.Of(new Ratio(hours, due)),
                [.. unlinked.Select(c => new UnlinkedView(c.Station.Mn, c.Station.Name, c.Station.CityCode, c.Station.CityName, c.Station.Network.Name(),
                    c.Station.Status.ToString(), c.LastData))]));
        });
        group.MapGet("/scorecard", Results<TableResult<ScorecardRow>, ProblemHttpResult> (HttpContext http, NetworkStatistics statistics, DateTimeOffset from, DateTimeOffset to, string? by) =>
        {
            by ??= "station";
            if ((by == "parameter" ? Problems.BadRequest("a scorecard is by station, city, county, network or province") : Check(from, to, by)) is { } problem)
            {
                return problem;
            }

            var now = DateTimeOffset.UtcNow;
            return Table.Of(Groups(statistics.Compute(from, to, http.Actor()), by).Select(g =>
            {
                var total = Sum(g.Members);
                var (open, confirmed) = statistics.Cases(g.Members.Select(m => m.Station.Mn), from, to);
                var stationCards = g.Members.Select(m => Scorecard.Of(m.Total(), m.LastData is { } last ? now - last : null, 0, 0)).ToList();
                var card = Scorecard.Of(total, null, open, confirmed) with { Fresh = stationCards.Select(c => c.Fresh).OfType<double>().DefaultIfEmpty().Average() };
                return new ScorecardRow(g.Key, g.Name, g.Members.Count, card.Authentic, card.Accurate, card.Complete, card.Timely, card.Fresh, card.Overall, open, confirmed,
                    StatisticsRow.Of(g.Key, g.Name, g.Members.Count, total));
            }));
        });
    }

    private static ProblemHttpResult? Check(DateTimeOffset from, DateTimeOffset to, string by)
        => to <= from || to - from > TimeSpan.FromDays(400) ? Problems.BadRequest("from must be before to, at most 400 days apart")
            : !Groupings.Contains(by) ? Problems.BadRequest($"by \"{by}\" is not one of {string.Join(", ", Groupings)}")
            : null;

    private static IEnumerable<(string Key, string Name, List<StationCounts> Members)> Groups(IReadOnlyList<StationCounts> counts, string by)
        => counts.GroupBy(c => by switch
        {
            "station" => (c.Station.Mn, c.Station.Name),
            "city" => (c.Station.CityCode, c.Station.CityName ?? c.Station.CityCode),
            "county" => (c.Station.CountyCode ?? c.Station.CityCode, c.Station.CountyName ?? c.Station.CountyCode ?? c.Station.CityCode),
            "network" => (c.Station.Network.Name(), c.Station.Network.NameZh()),
            _ => ("province", "全省"),
        }).OrderBy(g => g.Key.Item1, StringComparer.Ordinal).Select(g => (g.Key.Item1, g.Key.Item2, g.ToList()));

    private static NetworkCounts Sum(IEnumerable<StationCounts> members)
    {
        var total = new NetworkCounts();
        foreach (var member in members)
        {
            total.Add(member.Total());
        }

        return total;
    }
}
