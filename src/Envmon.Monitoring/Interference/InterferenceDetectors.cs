using System.Globalization;

namespace Envmon.Monitoring.Interference;

/// <summary>
/// The interference detectors of quality.md §c.3 over hourly air data (docs/quality.md has each rule, its
/// thresholds and its score). Each yields detections (evidence for investigators), merged per station and rule when
/// they overlap or touch. Thresholds are the documented defaults, calibrated on simulated episodes and checked for
/// false cases on Henan's 2019 real data.
/// </summary>
public static class InterferenceDetectors
{
    /// <summary>Every detector's id.</summary>
    public static readonly IReadOnlyList<string> Rules =
    [
        "neighbour-drop", "decoupled", "flat", "linear", "copied-day", "substituted", "pm-inversion", "fixed-hour-spike", "missing-when-high", "gap", "bunching",
    ];

    // The least data for the distribution rules (missing when high, bunching): 60 days, most of a quarter.
    private const int QuarterHours = 60 * 24;

    // Per pollutant: the floor added before logarithms, the least expected level for a drop to count, the level above which a run counts as flat.
    private static readonly Dictionary<string, (double Floor, double Least, double FlatAbove, double Resolution)> Levels = new(StringComparer.Ordinal)
    {
        ["PM2.5"] = (5, 20, 30, 1),
        ["PM10"] = (10, 40, 40, 1),
        ["SO2"] = (3, 10, 30, 1),
        ["NO2"] = (5, 15, 30, 1),
        ["CO"] = (0.1, 0.4, 3.0, 0.1),
        ["O3"] = (10, 30, 30, 1),
    };

    /// <summary>Runs every detector over <paramref name="block"/>.</summary>
    public static List<Detection> Run(HourlyBlock block)
    {
        var found = new List<Detection>();
        for (var s = 0; s < block.Stations.Count; s++)
        {
            NeighbourDrops(block, s, found);
            Decoupled(block, s, found);
            FlatAndLinear(block, s, found);
            CopiedDays(block, s, found);
            Substituted(block, s, found);
            PmInversion(block, s, found);
            FixedHourSpikes(block, s, found);
            MissingWhenHigh(block, s, found);
            Gaps(block, s, found);
            Bunching(block, s, found);
        }

        return Merge(found.Where(d => d.To > block.TimeAt(block.ReportFrom)));
    }

    /// <summary>Merges detections of the same station and rule that overlap or touch into one (widest period, highest score, all parameters).</summary>
    public static List<Detection> Merge(IEnumerable<Detection> detections)
    {
        var merged = new List<Detection>();
        foreach (var group in detections.GroupBy(d => (d.Mn, d.Rule)))
        {
            Detection? current = null;
            foreach (var d in group.OrderBy(d => d.From))
            {
                if (current is not null && d.From <= current.To)
                {
                    current = current with
                    {
                        To = d.To > current.To ? d.To : current.To,
                        Score = Math.Max(current.Score, d.Score),
                        Parameters = [.. current.Parameters.Union(d.Parameters)],
                    };
                    continue;
                }

                if (current is not null)
                {
                    merged.Add(current);
                }

                current = d;
            }

            merged.Add(current!);
        }

        return merged;
    }

    // Rule 1: the station's log ratio to its neighbours' median falls at least 3 robust deviations below its own
    // baseline (the median ratio of the 7 days before that day) and the value is at most 60 % of what the ratio
    // predicts (PM10, noisier: 50 % for 3 hours; SO2: 40 %, 3 hours), for 2 hours or more, while the expected value is not low, and the fall starts
    // abruptly (30 % or more against the neighbours within the first hour). Score: the deepest z. NO2 and CO are
    // left out: traffic and local sources make them diverge from neighbours in honest data.
    private static void NeighbourDrops(HourlyBlock block, int s, List<Detection> found)
    {
        if (block.Neighbours[s].Length < 3)
        {
            return;
        }

        foreach (var (parameter, depth, hours) in new[] { ("PM2.5", 0.6, 2), ("PM10", 0.5, 3), ("SO2", 0.4, 3) })
        {
            var p = block.IndexOf(parameter);
            if (p >= 0)
            {
                RatioEpisodes(block, s, parameter, block.Series(s, p), NeighbourMedians(block, s, p), depth, hours, null, "neighbour-drop", "骤降而周边站点未同步下降", found);
            }
        }
    }

    // The median of the neighbours' values each hour (3 or more), NaN where fewer report.
    private static double[] NeighbourMedians(HourlyBlock block, int s, int p)
    {
        var medians = new double[block.Hours];
        Span<double> values = stackalloc double[Math.Min(64, block.Neighbours[s].Length)];
        for (var t = 0; t < block.Hours; t++)
        {
            var count = 0;
            foreach (var n in block.Neighbours[s])
            {
                var y = block.Series(n, p)[t];
                if (!double.IsNaN(y) && count < values.Length)
                {
                    values[count++] = y;
                }
            }

            medians[t] = count >= 3 ? Median(values[..count]) : double.NaN;
        }

        return medians;
    }

    // Rule 2: PM2.5 falls against the station's own CO (which co-varies with PM in combustion episodes) while that CO
    // stays within 20 % of its neighbours': the same ratio test with the station's CO as the reference, deeper (at
    // most 40 % of expected) and for 3 hours or more, as the PM/CO ratio has its own daily cycle.
    private static void Decoupled(HourlyBlock block, int s, List<Detection> found)
    {
        var (pm, co) = (block.IndexOf("PM2.5"), block.IndexOf("CO"));
        if (pm < 0 || co < 0 || block.Neighbours[s].Length < 3)
        {
            return;
        }

        var own = block.Series(s, co);
        var reference = own.ToArray();
        var neighbours = NeighbourMedians(block, s, co);
        var inStep = new bool[block.Hours];
        for (var t = 0; t < reference.Length; t++)
        {
            reference[t] *= 50;
            inStep[t] = !double.IsNaN(own[t]) && !double.IsNaN(neighbours[t]) && Math.Abs(Math.Log((own[t] + 0.1) / (neighbours[t] + 0.1))) <= Math.Log(1.2);
        }

        RatioEpisodes(block, s, "PM2.5", block.Series(s, pm), reference, 0.4, 3, inStep, "decoupled", "骤降而同站CO未同步变化（CO与周边一致）", found);
    }

    private static void RatioEpisodes(HourlyBlock block, int s, string parameter, ReadOnlySpan<double> x, double[] reference, double depth, int hours, bool[]? only,
        string rule, string what, List<Detection> found)
    {
        var (floor, least, _, _) = Levels[parameter];
        var ratio = new double[block.Hours];
        for (var t = 0; t < block.Hours; t++)
        {
            ratio[t] = double.IsNaN(x[t]) || double.IsNaN(reference[t]) ? double.NaN : Math.Log((x[t] + floor) / (reference[t] + floor));
        }

        var start = -1;
        var deepest = 0.0;
        var lowest = 1.0;
        var scratch = new List<double>(168);
        (double Median, double Scale) baseline = (double.NaN, double.NaN);
        for (var t = 0; t <= block.Hours; t++)
        {
            var flagged = false;
            if (t < block.Hours)
            {
                if (t % 24 == 0 || double.IsNaN(baseline.Median))
                {
                    baseline = Baseline(ratio, t, scratch);
                }

                if (!double.IsNaN(ratio[t]) && !double.IsNaN(baseline.Median))
                {
                    var z = (ratio[t] - baseline.Median) / baseline.Scale;
                    var expected = ((reference[t] + floor) * Math.Exp(baseline.Median)) - floor;
                    var fraction = Math.Exp(ratio[t] - baseline.Median);
                    flagged = z <= -3 && fraction <= depth && expected >= least && (only is null || only[t]);
                    if (flagged)
                    {
                        deepest = Math.Min(deepest, z);
                        lowest = Math.Min(lowest, fraction);
                    }
                }
            }

            if (flagged && start < 0)
            {
                start = t;
            }
            else if (!flagged && start >= 0)
            {
                // The episode must start abruptly: from the hour before, the value fell by 30 % or more against the reference.
                var abrupt = start > 0 && !double.IsNaN(ratio[start - 1]) && ratio[start] - ratio[start - 1] <= Math.Log(0.7);
                if (t - start >= hours && abrupt)
                {
                    found.Add(new Detection(block.Stations[s], rule, [parameter], block.TimeAt(start), block.TimeAt(t), Math.Round(-deepest, 2),
                        string.Create(CultureInfo.InvariantCulture, $"{parameter}{what}：{t - start} 小时，最低为预期的 {lowest:P0}")));
                }

                (start, deepest, lowest) = (-1, 0, 1);
            }
        }
    }

    // The median and robust scale (1.4826 MAD, at least 0.1) of the ratios of the 168 hours before hour t.
    private static (double Median, double Scale) Baseline(double[] ratio, int t, List<double> scratch)
    {
        scratch.Clear();
        for (var k = Math.Max(0, t - 168); k < t; k++)
        {
            if (!double.IsNaN(ratio[k]))
            {
                scratch.Add(ratio[k]);
            }
        }

        if (scratch.Count < 48)
        {
            return (double.NaN, double.NaN);
        }

        scratch.Sort();
        var median = scratch[scratch.Count / 2];
        for (var i = 0; i < scratch.Count; i++)
        {
            scratch[i] = Math.Abs(scratch[i] - median);
        }

        scratch.Sort();
        return (median, Math.Max(0.1, 1.4826 * scratch[scratch.Count / 2]));
    }

    // Rule 5: identical hourly values, 6 or more above the low level or 12 or more from 15 steps of the resolution up
    // (flat, stuck), or 8 or more values above the low level in equal steps of at least the resolution (linear
    // fabrication). Score: the run's length in hours. Values repeat at the reporting resolution when they are few
    // steps of it (CO at 0.1 mg/m³, clean-air SO2), so the low level is 30 steps of the resolution (PM10 40); the QC
    // flat-line test flags the shorter and lower runs as suspect values.
    private static void FlatAndLinear(HourlyBlock block, int s, List<Detection> found)
    {
        for (var p = 0; p < block.Parameters.Count; p++)
        {
            if (!Levels.TryGetValue(block.Parameters[p], out var level))
            {
                continue;
            }

            var x = block.Series(s, p);
            var flat = 1;
            var linear = 1;
            for (var t = 1; t <= block.Hours; t++)
            {
                var same = t < block.Hours && x[t] == x[t - 1] && x[t] >= 15 * level.Resolution;
                var step = t >= 2 && t < block.Hours && x[t - 2] > level.FlatAbove && x[t] > level.FlatAbove && x[t] - x[t - 1] is var d && Math.Abs(d) >= level.Resolution
                    && Math.Abs(d - (x[t - 1] - x[t - 2])) < 1e-9;
                flat = same ? flat + 1 : Report(flat, t, "flat", "连续恒值", x[t - 1] > level.FlatAbove ? 6 : 12);
                linear = step ? (linear == 1 ? 3 : linear + 1) : Report(linear, t, "linear", "等差线性变化", 8);
            }

            int Report(int run, int end, string rule, string what, int least)
            {
                if (run >= least)
                {
                    found.Add(new Detection(block.Stations[s], rule, [block.Parameters[p]], block.TimeAt(end - run), block.TimeAt(end), run,
                        string.Create(CultureInfo.InvariantCulture, $"{block.Parameters[p]}{what} {run} 小时")));
                }

                return 1;
            }
        }
    }

    // Rule 6: a Beijing day whose hourly values (20 or more, every pollutant present) equal those of an earlier day of
    // the station within 30 days, or of a neighbour's same day, to the reporting resolution, and that is not flat.
    private static void CopiedDays(HourlyBlock block, int s, List<Detection> found)
    {
        var first = FirstMidnight(block);
        var days = (block.Hours - first) / 24;
        for (var d = 0; d < days; d++)
        {
            var start = first + (d * 24);
            for (var e = Math.Max(0, d - 30); e < d; e++)
            {
                if (SameDay(block, s, start, s, first + (e * 24)))
                {
                    found.Add(new Detection(block.Stations[s], "copied-day", [.. block.Parameters], block.TimeAt(start), block.TimeAt(start + 24), 24,
                        $"{block.TimeAt(start).ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd} 的逐时数据与 {block.TimeAt(first + (e * 24)).ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd} 完全相同"));
                    break;
                }
            }

            foreach (var n in block.Neighbours[s])
            {
                if (SameDay(block, s, start, n, start))
                {
                    found.Add(new Detection(block.Stations[s], "copied-day", [.. block.Parameters], block.TimeAt(start), block.TimeAt(start + 24), 24,
                        $"逐时数据与站点 {block.Stations[n]} 同日完全相同"));
                    break;
                }
            }
        }
    }

    private static bool SameDay(HourlyBlock block, int a, int startA, int b, int startB)
    {
        var compared = 0;
        var moving = false;
        for (var p = 0; p < block.Parameters.Count; p++)
        {
            var x = block.Series(a, p).Slice(startA, 24);
            var y = block.Series(b, p).Slice(startB, 24);
            var resolution = Levels.TryGetValue(block.Parameters[p], out var level) ? level.Resolution / 2 : 0;
            var common = 0;
            for (var h = 0; h < 24; h++)
            {
                if (double.IsNaN(x[h]) || double.IsNaN(y[h]))
                {
                    continue;
                }

                if (Math.Abs(x[h] - y[h]) > resolution)
                {
                    return false;
                }

                common++;
                moving |= h > 0 && !double.IsNaN(x[h - 1]) && x[h] != x[h - 1];
            }

            if (common < 20)
            {
                return false;
            }

            compared++;
        }

        return compared > 0 && moving;
    }

    // Rule 7: two channels (any pollutant pair but PM2.5/PM10) correlate with r ≥ 0.99 over a Beijing day (20 hours
    // or more, both moving) and their ratio stays within 3 % (coefficient of variation): one signal is a scaled copy
    // of the other. On a haze day honest pollutants can correlate that well, but their ratio wanders. Score: r.
    private static void Substituted(HourlyBlock block, int s, List<Detection> found)
    {
        var first = FirstMidnight(block);
        for (var start = first; start + 24 <= block.Hours; start += 24)
        {
            for (var i = 0; i < block.Parameters.Count; i++)
            {
                for (var j = i + 1; j < block.Parameters.Count; j++)
                {
                    if (block.Parameters[i] is "PM2.5" or "PM10" && block.Parameters[j] is "PM2.5" or "PM10")
                    {
                        continue;
                    }

                    if (Correlation(block.Series(s, i).Slice(start, 24), block.Series(s, j).Slice(start, 24)) is { } r && r >= 0.99
                        && RatioSpread(block.Series(s, i).Slice(start, 24), block.Series(s, j).Slice(start, 24)) <= 0.03)
                    {
                        found.Add(new Detection(block.Stations[s], "substituted", [block.Parameters[i], block.Parameters[j]], block.TimeAt(start), block.TimeAt(start + 24),
                            Math.Round(Math.Abs(r), 4), string.Create(CultureInfo.InvariantCulture, $"{block.Parameters[i]} 与 {block.Parameters[j]} 全天同步变化（r = {r:F3}）")));
                    }
                }
            }
        }
    }

    // The coefficient of variation of y / x over the hours with both (x > 0): near 0 when one channel is a scaled copy of the other.
    private static double RatioSpread(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var ratios = new List<double>(24);
        for (var h = 0; h < x.Length; h++)
        {
            if (x[h] > 0 && !double.IsNaN(y[h]))
            {
                ratios.Add(y[h] / x[h]);
            }
        }

        if (ratios.Count < 20)
        {
            return double.PositiveInfinity;
        }

        var mean = ratios.Average();
        return Math.Sqrt(ratios.Sum(r => (r - mean) * (r - mean)) / ratios.Count) / mean;
    }

    private static double? Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (var h = 0; h < x.Length; h++)
        {
            if (double.IsNaN(x[h]) || double.IsNaN(y[h]))
            {
                continue;
            }

            (n, sx, sy, sxx, syy, sxy) = (n + 1, sx + x[h], sy + y[h], sxx + (x[h] * x[h]), syy + (y[h] * y[h]), sxy + (x[h] * y[h]));
        }

        var (vx, vy) = ((n * sxx) - (sx * sx), (n * syy) - (sy * sy));
        // Both must move beyond rounding: a standard deviation of at least 2 % of the mean and a little more than nothing.
        return n < 20 || vx <= Math.Max(1e-6, Math.Pow(0.02 * sx, 2)) || vy <= Math.Max(1e-6, Math.Pow(0.02 * sy, 2)) ? null : ((n * sxy) - (sx * sy)) / Math.Sqrt(vx * vy);
    }

    // Rule 4: PM2.5 above PM10 by more than max(10, 15 % of PM10) in 5 % or more of the hours with both, and in 12 hours or more. Score: the rate.
    private static void PmInversion(HourlyBlock block, int s, List<Detection> found)
    {
        var (fine, coarse) = (block.IndexOf("PM2.5"), block.IndexOf("PM10"));
        if (fine < 0 || coarse < 0)
        {
            return;
        }

        var x = block.Series(s, fine);
        var y = block.Series(s, coarse);
        int both = 0, inverted = 0, firstHour = -1, lastHour = -1;
        for (var t = 0; t < block.Hours; t++)
        {
            if (double.IsNaN(x[t]) || double.IsNaN(y[t]))
            {
                continue;
            }

            both++;
            if (x[t] - y[t] > Math.Max(10, 0.15 * y[t]))
            {
                inverted++;
                firstHour = firstHour < 0 ? t : firstHour;
                lastHour = t;
            }
        }

        if (inverted >= 12 && inverted >= 0.05 * both)
        {
            found.Add(new Detection(block.Stations[s], "pm-inversion", ["PM2.5", "PM10"], block.TimeAt(firstHour), block.TimeAt(lastHour + 1), Math.Round((double)inverted / both, 3),
                string.Create(CultureInfo.InvariantCulture, $"PM2.5 大于 PM10（倒挂）{inverted} 小时，占 {(double)inverted / both:P1}")));
        }
    }

    // Rule 8: a spike (at least 1.5 × and 30 above the mean of the hours on either side) at the same clock hour on 5 or more of 7 consecutive days.
    private static void FixedHourSpikes(HourlyBlock block, int s, List<Detection> found)
    {
        var first = FirstMidnight(block);
        var days = (block.Hours - first) / 24;
        for (var p = 0; p < block.Parameters.Count; p++)
        {
            if (block.Parameters[p] is not ("PM2.5" or "PM10" or "SO2" or "NO2"))
            {
                continue;
            }

            var spikes = new bool[days, 24];
            for (var d = 0; d < days; d++)
            {
                if (block.Series(s, p).Slice(first + (d * 24), 24).ToArray().Count(v => !double.IsNaN(v)) < 20)
                {
                    continue;
                }

                var series = block.Series(s, p);
                for (var h = 0; h < 24; h++)
                {
                    var t = first + (d * 24) + h;
                    var around = t > 0 && t + 1 < block.Hours ? (series[t - 1] + series[t + 1]) / 2 : double.NaN;
                    spikes[d, h] = series[t] >= 1.5 * around && series[t] - around >= 30;
                }
            }

            for (var h = 0; h < 24; h++)
            {
                for (var d = 0; d + 7 <= days; d++)
                {
                    var count = Enumerable.Range(d, 7).Count(k => spikes[k, h]);
                    if (count >= 5)
                    {
                        found.Add(new Detection(block.Stations[s], "fixed-hour-spike", [block.Parameters[p]], block.TimeAt(first + (d * 24)), block.TimeAt(first + ((d + 7) * 24)), count,
                            string.Create(CultureInfo.InvariantCulture, $"{block.Parameters[p]} 在 7 天中有 {count} 天于北京时间 {h} 时出现尖峰")));
                        break;
                    }
                }
            }
        }
    }

    // Rule 10: PM2.5 missing 1.5 times as often (and 6 hours or more) when the neighbours' median is in its top quarter
    // as when it is in its bottom quarter, over 60 days or more (a quarter's scan; shorter blocks say too little).
    private static void MissingWhenHigh(HourlyBlock block, int s, List<Detection> found)
    {
        var p = block.IndexOf("PM2.5");
        if (p < 0 || block.Neighbours[s].Length < 3)
        {
            return;
        }

        var hours = new List<(double Neighbours, bool Missing)>();
        var x = block.Series(s, p);
        for (var t = 0; t < block.Hours; t++)
        {
            var values = block.Neighbours[s].Select(n => block.Series(n, p)[t]).Where(v => !double.IsNaN(v)).ToList();
            if (values.Count >= 3)
            {
                hours.Add((Median([.. values]), double.IsNaN(x[t])));
            }
        }

        if (hours.Count < QuarterHours)
        {
            return;
        }

        var ordered = hours.OrderBy(h => h.Neighbours).ToList();
        var quarter = ordered.Count / 4;
        var low = ordered.Take(quarter).Count(h => h.Missing);
        var high = ordered.Skip(ordered.Count - quarter).Count(h => h.Missing);
        if (high >= 6 && high >= 1.5 * Math.Max(1, low))
        {
            found.Add(new Detection(block.Stations[s], "missing-when-high", ["PM2.5"], block.Start, block.TimeAt(block.Hours), Math.Round((double)high / Math.Max(1, low), 2),
                string.Create(CultureInfo.InvariantCulture, $"周边污染高时缺测 {high} 小时，低时 {low} 小时")));
        }
    }

    // Transmission gaps: 6 hours or more with nothing from the station while 3 or more neighbours report. Score: the hours.
    private static void Gaps(HourlyBlock block, int s, List<Detection> found)
    {
        var run = 0;
        for (var t = 0; t <= block.Hours; t++)
        {
            var gap = t < block.Hours && Enumerable.Range(0, block.Parameters.Count).All(p => double.IsNaN(block.Series(s, p)[t]))
                && block.Neighbours[s].Count(n => !double.IsNaN(block.Series(n, 0)[t])) >= 3;
            if (gap)
            {
                run++;
                continue;
            }

            if (run >= 6)
            {
                found.Add(new Detection(block.Stations[s], "gap", [.. block.Parameters], block.TimeAt(t - run), block.TimeAt(t), run,
                    string.Create(CultureInfo.InvariantCulture, $"周边站点正常上报时中断 {run} 小时")));
            }

            run = 0;
        }
    }

    // Rule 9: daily PM2.5 (20 hours or more) just below the grade-2 limit 75 (70–75) on 5 or more days and 3 times as
    // often as just above (75–80), over 60 valid days or more.
    private static void Bunching(HourlyBlock block, int s, List<Detection> found)
    {
        var p = block.IndexOf("PM2.5");
        if (p < 0)
        {
            return;
        }

        var first = FirstMidnight(block);
        int below = 0, above = 0, days = 0;
        for (var start = first; start + 24 <= block.Hours; start += 24)
        {
            var day = block.Series(s, p).Slice(start, 24).ToArray().Where(v => !double.IsNaN(v)).ToList();
            if (day.Count >= 20)
            {
                days++;
                var mean = day.Average();
                below += mean is >= 70 and < 75 ? 1 : 0;
                above += mean is >= 75 and < 80 ? 1 : 0;
            }
        }

        if (days >= QuarterHours / 24 && below >= 5 && below >= 3 * Math.Max(1, above))
        {
            found.Add(new Detection(block.Stations[s], "bunching", ["PM2.5"], block.Start, block.TimeAt(block.Hours), below,
                string.Create(CultureInfo.InvariantCulture, $"日均 PM2.5 有 {below} 天落在 70–75（略低于二级限值），75–80 仅 {above} 天")));
        }
    }

    // The first hour of the block that is a Beijing midnight.
    private static int FirstMidnight(HourlyBlock block)
    {
        var hour = block.Start.ToOffset(TimeSpan.FromHours(8)).Hour;
        return (24 - hour) % 24;
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
