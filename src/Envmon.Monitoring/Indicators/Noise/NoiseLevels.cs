using Envmon.Monitoring.Stations;

namespace Envmon.Monitoring.Indicators.Noise;

/// <summary>A day of functional-zone noise (GB 3096): Ld, Ln, Ldn from hourly Leq, and day/night compliance.</summary>
/// <param name="Ld">Energy mean of the day hours' Leq (06:00–22:00), raw; null without day hours.</param>
/// <param name="Ln">Energy mean of the night hours' Leq (22:00–06:00), raw; null without night hours.</param>
/// <param name="Ldn">Day-night level with the 10 dB night penalty, raw; null unless both are there.</param>
/// <param name="DayHours">Valid day hours.</param>
/// <param name="NightHours">Valid night hours.</param>
/// <param name="Zone">The functional zone.</param>
/// <param name="DayLimit">Its day limit, dB(A).</param>
/// <param name="NightLimit">Its night limit, dB(A).</param>
/// <param name="DayCompliant">Ld as reported at most the day limit.</param>
/// <param name="NightCompliant">Ln as reported at most the night limit.</param>
/// <param name="DayExceedance">dB above the day limit (0 when compliant).</param>
/// <param name="NightExceedance">dB above the night limit.</param>
/// <param name="NightMaxCompliant">The night's sudden maximum at most 15 dB above the night limit; null when not measured.</param>
public sealed record NoiseDay(
    double? Ld, double? Ln, double? Ldn, int DayHours, int NightHours, NoiseZone Zone, int DayLimit, int NightLimit,
    bool? DayCompliant, bool? NightCompliant, decimal? DayExceedance, decimal? NightExceedance, bool? NightMaxCompliant)
{
    /// <summary>Day, night and (when a night maximum was given) sudden-noise compliance together.</summary>
    public bool? Compliant => DayCompliant is null || NightCompliant is null ? null : DayCompliant.Value && NightCompliant.Value && NightMaxCompliant != false;
}

/// <summary>GB 3096-2008 limits and HJ 640-2012 statistics (../shared/docs/standards.md §4). Levels are reported to 0.1 dB.</summary>
public static class NoiseLevels
{
    /// <summary>How far a night-time sudden noise maximum may exceed the night limit.</summary>
    public const int NightMaxAllowance = 15;

    /// <summary>The day and night limits of a functional zone, dB(A).</summary>
    public static (int Day, int Night) Limits(NoiseZone zone) => zone switch
    {
        NoiseZone.Class0 => (50, 40),
        NoiseZone.Class1 => (55, 45),
        NoiseZone.Class2 => (60, 50),
        NoiseZone.Class3 => (65, 55),
        NoiseZone.Class4A => (70, 55),
        NoiseZone.Class4B => (70, 60),
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, null),
    };

    /// <summary>Rounds a level to 0.1 dB (GB/T 8170).</summary>
    public static decimal Report(double level) => Gbt8170.Round((decimal)level, 1);

    /// <summary>The energy mean 10·lg(Σ10^(0.1·L)/N) of <paramref name="levels"/>, or null when there are none.</summary>
    public static double? EnergyMean(IEnumerable<double> levels)
    {
        var list = levels.ToList();
        return list.Count == 0 ? null : 10 * Math.Log10(list.Sum(l => Math.Pow(10, l / 10)) / list.Count);
    }

    /// <summary>
    /// A day from 24 hourly Leq (element i = the hour from i:00; null = missing), judged against the zone's limits
    /// on the levels as reported (0.1 dB); <paramref name="nightMax"/> is the night's highest sudden level, if measured.
    /// </summary>
    public static NoiseDay Day(IReadOnlyList<double?> hourlyLeq, NoiseZone zone, double? nightMax = null)
    {
        if (hourlyLeq.Count != 24)
        {
            throw new ArgumentException("a day has 24 hourly Leq", nameof(hourlyLeq));
        }

        var day = Enumerable.Range(6, 16).Select(h => hourlyLeq[h]).OfType<double>().ToList();
        var night = Enumerable.Range(0, 24).Where(h => h is < 6 or >= 22).Select(h => hourlyLeq[h]).OfType<double>().ToList();
        var ld = EnergyMean(day);
        var ln = EnergyMean(night);
        double? ldn = ld is { } d && ln is { } n ? 10 * Math.Log10(((16 * Math.Pow(10, d / 10)) + (8 * Math.Pow(10, (n + 10) / 10))) / 24) : null;
        var (dayLimit, nightLimit) = Limits(zone);
        decimal? Over(double? level, int limit) => level is { } l ? Math.Max(0, Report(l) - limit) : null;
        return new NoiseDay(ld, ln, ldn, day.Count, night.Count, zone, dayLimit, nightLimit,
            ld is { } a ? Report(a) <= dayLimit : null, ln is { } b ? Report(b) <= nightLimit : null, Over(ld, dayLimit), Over(ln, nightLimit),
            nightMax is { } max ? (decimal)max <= nightLimit + NightMaxAllowance : null);
    }

    /// <summary>
    /// L10, L50, L90 of equally spaced samples: sorted descending, the values at positions N·10 %, N·50 %, N·90 %
    /// (the 10th, 50th and 90th of 100); with the energy Leq and the normal-noise estimate L50 + (L10 − L90)²/60.
    /// </summary>
    public static (double L10, double L50, double L90, double Leq, double Approx) Statistical(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("no samples", nameof(samples));
        }

        var sorted = samples.OrderDescending().ToList();
        double At(int percent) => sorted[Math.Max(1, (int)Math.Ceiling(sorted.Count * percent / 100.0)) - 1];
        var (l10, l50, l90) = (At(10), At(50), At(90));
        return (l10, l50, l90, EnergyMean(samples)!.Value, l50 + (Math.Pow(l10 - l90, 2) / 60));
    }

    /// <summary>HJ 640 grade (1 好 … 5 差) of a city's area or road-traffic level, day or night.</summary>
    public static int Grade(bool road, bool night, decimal level)
    {
        decimal[] bounds = (road, night) switch
        {
            (false, false) => [50.0m, 55.0m, 60.0m, 65.0m],
            (false, true) => [40.0m, 45.0m, 50.0m, 55.0m],
            (true, false) => [68.0m, 70.0m, 72.0m, 74.0m],
            (true, true) => [58.0m, 60.0m, 62.0m, 64.0m],
        };
        var grade = Array.FindIndex(bounds, b => level <= b);
        return grade < 0 ? 5 : grade + 1;
    }

    /// <summary>The names of the grades 1 … 5.</summary>
    public static string GradeName(int grade) => grade switch
    {
        1 => "好",
        2 => "较好",
        3 => "一般",
        4 => "较差",
        5 => "差",
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, null),
    };
}
