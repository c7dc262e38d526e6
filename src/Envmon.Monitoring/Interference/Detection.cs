namespace Envmon.Monitoring.Interference;

/// <summary>A detection: evidence of possible interference for investigators, never a verdict (quality.md §c.3).</summary>
/// <param name="Mn">The station.</param>
/// <param name="Rule">The detector's id (<see cref="InterferenceDetectors.Rules"/>).</param>
/// <param name="Parameters">The parameters involved.</param>
/// <param name="From">The episode's start.</param>
/// <param name="To">The episode's end (exclusive).</param>
/// <param name="Score">The strength of the evidence, on the detector's own scale (docs/quality.md).</param>
/// <param name="Summary">A sentence for the investigator.</param>
public sealed record Detection(string Mn, string Rule, string[] Parameters, DateTimeOffset From, DateTimeOffset To, double Score, string Summary);

/// <summary>One station's hourly series for one parameter, NaN where missing or invalid.</summary>
/// <param name="station">The station's index in the block.</param>
/// <param name="parameter">The parameter's index in the block.</param>
public delegate ReadOnlySpan<double> SeriesSource(int station, int parameter);

/// <summary>
/// What the detectors read: consecutive hours of many stations' parameters, the stations' neighbours (indices of
/// stations of the same network nearby), and from when detections are wanted (earlier hours are context).
/// </summary>
public sealed class HourlyBlock
{
    /// <summary>The stations' MNs.</summary>
    public required IReadOnlyList<string> Stations { get; init; }

    /// <summary>The parameters (canonical codes).</summary>
    public required IReadOnlyList<string> Parameters { get; init; }

    /// <summary>The start of hour 0.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>How many hours.</summary>
    public required int Hours { get; init; }

    /// <summary>The series.</summary>
    public required SeriesSource Series { get; init; }

    /// <summary>Each station's neighbours, as indices into <see cref="Stations"/>.</summary>
    public required IReadOnlyList<int[]> Neighbours { get; init; }

    /// <summary>The first hour whose detections are reported (an episode that ends before it is not).</summary>
    public int ReportFrom { get; init; }

    /// <summary>The index of <paramref name="parameter"/>, or −1.</summary>
    public int IndexOf(string parameter)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i] == parameter)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The time of hour <paramref name="hour"/>.</summary>
    public DateTimeOffset TimeAt(int hour) => Start.AddHours(hour);
}
