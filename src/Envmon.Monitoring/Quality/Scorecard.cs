namespace Envmon.Monitoring.Quality;

/// <summary>
/// The 真准全快新 scorecard of a station, city or network: five components from 0 to 100, each traceable to its
/// numbers, and their mean. docs/quality.md gives the formula.
/// </summary>
/// <param name="Authentic">真: 100 × (1 − revised ÷ received), less 10 per open interference case and 30 per confirmed one (at least 0).</param>
/// <param name="Accurate">准: 100 × the automatic QC pass rate.</param>
/// <param name="Complete">全: 100 × the capture rate.</param>
/// <param name="Timely">快: 100 × the timeliness rate.</param>
/// <param name="Fresh">新: 100 while the newest data is at most 90 minutes old, falling linearly to 0 at 24 hours.</param>
public sealed record Scorecard(double? Authentic, double? Accurate, double? Complete, double? Timely, double? Fresh)
{
    /// <summary>The mean of the components that exist.</summary>
    public double? Overall
    {
        get
        {
            double?[] parts = [Authentic, Accurate, Complete, Timely, Fresh];
            var present = parts.OfType<double>().ToList();
            return present.Count == 0 ? null : Math.Round(present.Average(), 1);
        }
    }

    /// <summary>The scorecard of <paramref name="counts"/>, with the age of the newest data and the interference cases.</summary>
    public static Scorecard Of(NetworkCounts counts, TimeSpan? newestAge, int openCases, int confirmedCases)
    {
        static double? Percent(Ratio ratio) => ratio.Value is { } v ? Math.Round(100 * v, 1) : null;
        double? authentic = counts.Received == 0 ? null
            : Math.Round(Math.Max(0, (100.0 * (1 - ((double)counts.Revised / counts.Received))) - (10 * openCases) - (30 * confirmedCases)), 1);
        double? fresh = newestAge is not { } age ? 0
            : age <= TimeSpan.FromMinutes(90) ? 100
            : age >= TimeSpan.FromHours(24) ? 0
            : Math.Round(100 * (TimeSpan.FromHours(24) - age) / (TimeSpan.FromHours(24) - TimeSpan.FromMinutes(90)), 1);
        return new Scorecard(authentic, Percent(counts.QcPass), Percent(counts.Capture), Percent(counts.Timeliness), fresh);
    }
}
