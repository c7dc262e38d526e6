using System.Globalization;
using System.Text;
using Envmon.Monitoring.Interference;
using Envmon.Monitoring.Quality;
using Envmon.Monitoring.Stations;

namespace Envmon.Cli.Simulation;

/// <summary>An injected interference episode: the ground truth of the evaluation.</summary>
internal sealed record Episode(string Mn, string Kind, DateTimeOffset From, DateTimeOffset To, string Detail);

/// <summary>Precision of one detector and recall of one kind of episode.</summary>
internal sealed record EvaluationResult(
    int Stations, int Days, IReadOnlyList<Episode> Episodes, IReadOnlyList<Detection> Detections,
    IReadOnlyDictionary<string, (int Matched, int Total)> Precision, IReadOnlyDictionary<string, (int Caught, int Total)> Recall, int FalseCases)
{
    /// <summary>Detections that overlap no episode, per 100 station-days.</summary>
    public double FalsePer100StationDays => 100.0 * FalseCases / (Stations * (double)Days);

    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"stations {Stations}, days {Days}, station-days {Stations * Days}, episodes {Episodes.Count}, detections (cases) {Detections.Count}\n");
        text.Append("recall per injected kind (episodes with a detection of the station overlapping them):\n");
        foreach (var (kind, (caught, total)) in Recall.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {kind,-22} {caught,5} / {total,-5} = {(total == 0 ? 0 : (double)caught / total):F3}\n");
        }

        text.Append("precision per detector (detections that overlap an injected episode of the station):\n");
        foreach (var (rule, (matched, total)) in Precision.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {rule,-22} {matched,5} / {total,-5} = {(total == 0 ? double.NaN : (double)matched / total):F3}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"false cases: {FalseCases} = {FalsePer100StationDays:F3} per 100 station-days\n");
        foreach (var e in Episodes.Where(e => !Detections.Any(d => d.Mn == e.Mn && d.From < e.To.AddHours(2) && e.From < d.To)).Take(10))
        {
            text.Append(CultureInfo.InvariantCulture, $"  missed {e.Kind} {e.Mn} {e.From:yyyy-MM-dd HH:mm}–{e.To:HH:mm}: {e.Detail}\n");
        }

        foreach (var d in Detections.Where(d => !Episodes.Any(e => d.Mn == e.Mn && d.From < e.To.AddHours(2) && e.From < d.To)).GroupBy(d => d.Rule).SelectMany(g => g.Take(3)))
        {
            text.Append(CultureInfo.InvariantCulture, $"  e.g. {d.Rule} {d.Mn} {d.From:yyyy-MM-dd HH:mm}–{d.To:HH:mm} score {d.Score}: {d.Summary}\n");
        }
        return text.ToString();
    }
}

/// <summary>
/// Measures the interference detectors (issue 5): simulated hourly air data of a fleet on Henan's geography (the
/// demo's <see cref="StationModel"/>), with episodes injected at random (sudden drops of 50–80 % for 2–8 hours,
/// covered inlets, flat lines, copied days, substituted channels) and logged; then precision per detector and
/// recall per kind. Deterministic for a seed.
/// </summary>
internal static class InterferenceEvaluation
{
    public static readonly string[] Kinds = ["drop", "covered-inlet", "flat", "copied-day", "substituted"];
    private static readonly string[] Parameters = ["SO2", "NO2", "CO", "O3", "PM10", "PM2.5"];
    private static readonly string[] Codes = ["a21026", "a21004", "a21005", "a05024", "a34002", "a34004"];

    public static EvaluationResult Run(int stationCount, int days, int seed, double episodesPerStation = 0.5)
    {
        var random = new Random(seed);
        var fleet = DemoFleet.Create(stationCount * 2).Where(s => s.Network.IsAir()).Take(stationCount).ToList();
        var password = StationPassword.Create("x", iterations: 1);
        var stations = fleet.Select(f => new Station
        {
            Mn = f.Mn,
            Password = password,
            Name = f.Name,
            Network = f.Network,
            CityCode = f.CityCode,
            Latitude = f.Latitude,
            Longitude = f.Longitude,
        }).ToList();
        var engine = new QcEngine(QcConfiguration.Default, stations);
        var index = stations.Select((s, i) => (s.Mn, i)).ToDictionary(x => x.Mn, x => x.i, StringComparer.Ordinal);
        var neighbours = stations.Select(s => engine.NeighboursOf(s).Select(n => index[n.Mn]).ToArray()).ToList();

        // Seven days of context before the evaluated days, so that every baseline exists from the first evaluated hour.
        const int context = 7 * 24;
        var hours = context + (days * 24);
        var end = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddDays(days);
        var start = end.AddHours(-hours);
        var values = new double[stations.Count, Parameters.Length, hours];
        for (var s = 0; s < stations.Count; s++)
        {
            var model = new StationModel(fleet[s]);
            for (var t = 0; t < hours; t++)
            {
                var sample = model.Values(start.AddHours(t));
                for (var p = 0; p < Parameters.Length; p++)
                {
                    values[s, p, t] = (double)sample.First(v => v.Code == Codes[p]).Value;
                }
            }
        }

        var episodes = Inject(values, stations, start, context, days, random, episodesPerStation);
        var block = new HourlyBlock
        {
            Stations = [.. stations.Select(s => s.Mn)],
            Parameters = Parameters,
            Start = start,
            Hours = hours,
            Series = (s, p) => Row(values, s, p, hours),
            Neighbours = neighbours,
            ReportFrom = context,
        };
        var detections = InterferenceDetectors.Run(block);
        bool Overlaps(Detection d, Episode e) => d.Mn == e.Mn && d.From < e.To.AddHours(2) && e.From < d.To;
        var precision = detections.GroupBy(d => d.Rule)
            .ToDictionary(g => g.Key, g => (g.Count(d => episodes.Any(e => Overlaps(d, e))), g.Count()), StringComparer.Ordinal);
        var recall = Kinds.ToDictionary(k => k, k => (episodes.Count(e => e.Kind == k && detections.Any(d => Overlaps(d, e))), episodes.Count(e => e.Kind == k)),
            StringComparer.Ordinal);
        var falseCases = detections.Count(d => !episodes.Any(e => Overlaps(d, e)));
        return new EvaluationResult(stations.Count, days, episodes, detections, precision, recall, falseCases);
    }

    private static ReadOnlySpan<double> Row(double[,,] values, int s, int p, int hours)
        => System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref values[s, p, 0], hours);

    // Each station gets episodes at random times of the evaluated days (at most one a day, none overlapping).
    private static List<Episode> Inject(double[,,] values, List<Station> stations, DateTimeOffset start, int context, int days, Random random, double perStation)
    {
        var episodes = new List<Episode>();
        var (so2, no2, pm10, pm25) = (0, 1, 4, 5);
        for (var s = 0; s < stations.Count; s++)
        {
            var count = (int)perStation + (random.NextDouble() < perStation % 1 ? 1 : 0);
            var usedDays = new HashSet<int>();
            for (var k = 0; k < count; k++)
            {
                // Days apart from each other, so that no two episodes of a station overlap.
                var day = random.Next(1, days);
                if (usedDays.Contains(day) || usedDays.Contains(day - 1) || usedDays.Contains(day + 1))
                {
                    continue;
                }

                usedDays.Add(day);

                var kind = Kinds[random.Next(Kinds.Length)];
                var dayStart = context + (day * 24);
                switch (kind)
                {
                    case "drop":
                        {
                            var length = random.Next(2, 9);
                            var from = dayStart + random.Next(0, 24 - length);
                            var factor = 0.2 + (0.3 * random.NextDouble());
                            Scale(values, s, [pm25, pm10], from, length, factor);
                            episodes.Add(new Episode(stations[s].Mn, kind, start.AddHours(from), start.AddHours(from + length),
                                string.Create(CultureInfo.InvariantCulture, $"PM × {factor:F2} for {length} h")));
                            break;
                        }

                    case "covered-inlet":
                        {
                            var length = random.Next(3, 13);
                            var from = dayStart + random.Next(0, 24 - length);
                            Scale(values, s, [pm25, pm10], from, length, 0.03 + (0.07 * random.NextDouble()));
                            episodes.Add(new Episode(stations[s].Mn, kind, start.AddHours(from), start.AddHours(from + length), $"PM near zero for {length} h"));
                            break;
                        }

                    case "flat":
                        {
                            var length = random.Next(6, 25);
                            var from = dayStart + random.Next(0, 24);
                            var p = new[] { no2, pm25, pm10 }[random.Next(3)];
                            for (var t = from + 1; t < from + length && t < values.GetLength(2); t++)
                            {
                                values[s, p, t] = values[s, p, from];
                            }

                            episodes.Add(new Episode(stations[s].Mn, kind, start.AddHours(from), start.AddHours(from + length), $"{Parameters[p]} held for {length} h"));
                            break;
                        }

                    case "copied-day":
                        {
                            var source = dayStart - (24 * random.Next(1, Math.Min(7, day) + 1));
                            for (var p = 0; p < Parameters.Length; p++)
                            {
                                for (var h = 0; h < 24; h++)
                                {
                                    values[s, p, dayStart + h] = values[s, p, source + h];
                                }
                            }

                            episodes.Add(new Episode(stations[s].Mn, kind, start.AddHours(dayStart), start.AddHours(dayStart + 24), "a day copied from an earlier day"));
                            break;
                        }

                    default:
                        {
                            // The PM10 channel carries the SO2 signal, scaled (a substituted analogue input).
                            var factor = 6 + (4 * random.NextDouble());
                            for (var h = 0; h < 24; h++)
                            {
                                values[s, pm10, dayStart + h] = Math.Round(values[s, so2, dayStart + h] * factor);
                            }

                            episodes.Add(new Episode(stations[s].Mn, kind, start.AddHours(dayStart), start.AddHours(dayStart + 24),
                                string.Create(CultureInfo.InvariantCulture, $"PM10 = SO2 × {factor:F1}")));
                            break;
                        }
                }
            }
        }

        return episodes;
    }

    private static void Scale(double[,,] values, int s, int[] parameters, int from, int length, double factor)
    {
        foreach (var p in parameters)
        {
            for (var t = from; t < from + length; t++)
            {
                values[s, p, t] = Math.Round(values[s, p, t] * factor);
            }
        }
    }
}
