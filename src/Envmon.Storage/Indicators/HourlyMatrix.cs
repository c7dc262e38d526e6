namespace Envmon.Storage.Indicators;

/// <summary>
/// Hourly values of many stations and parameters over consecutive hours, dense: <see cref="Series"/> gives one
/// station's parameter, element i the hour <see cref="From"/> + i; NaN where nothing valid is stored.
/// </summary>
public sealed class HourlyMatrix
{
    private readonly double[] _values;

    internal HourlyMatrix(IReadOnlyList<string> stations, IReadOnlyList<string> parameters, DateTimeOffset from, int hours)
    {
        Stations = stations;
        Parameters = parameters;
        From = from;
        Hours = hours;
        _values = new double[checked(stations.Count * parameters.Count * hours)];
        Array.Fill(_values, double.NaN);
    }

    /// <summary>The stations, in the order their series are indexed.</summary>
    public IReadOnlyList<string> Stations { get; }

    /// <summary>The parameters, in the order their series are indexed.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The start of the first hour.</summary>
    public DateTimeOffset From { get; }

    /// <summary>How many hours each series has.</summary>
    public int Hours { get; }

    /// <summary>The hours of <paramref name="station"/>'s <paramref name="parameter"/> (indices into the lists above).</summary>
    public ReadOnlySpan<double> Series(int station, int parameter) => _values.AsSpan(Offset(station, parameter), Hours);

    internal void Set(int station, int parameter, int hour, double value) => _values[Offset(station, parameter) + hour] = value;

    private int Offset(int station, int parameter) => ((station * Parameters.Count) + parameter) * Hours;
}
