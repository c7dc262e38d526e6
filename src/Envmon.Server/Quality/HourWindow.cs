using System.Collections.Concurrent;
using Envmon.Monitoring.Readings;

namespace Envmon.Server.Quality;

/// <summary>
/// The last <see cref="Hours"/> hours of every station's hourly readings in memory, one ring of slots per parameter, for
/// the real-time QC: a series for the engine is copied out of it without touching the store. The first value of an
/// hour stays, as in the store (a revision does not replace it).
/// </summary>
internal sealed class HourWindow
{
    public const int Hours = 96;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Ring>> _stations = new(StringComparer.Ordinal);

    /// <summary>The hour number (hours since the Unix epoch) of <paramref name="time"/>.</summary>
    public static long HourOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / 3600;

    /// <summary>The start of hour <paramref name="hour"/>.</summary>
    public static DateTimeOffset Start(long hour) => DateTimeOffset.FromUnixTimeSeconds(hour * 3600);

    /// <summary>Takes an hourly reading received at <paramref name="received"/>; false when the hour already had one.</summary>
    public bool Add(Reading reading, DateTimeOffset received)
    {
        var rings = _stations.GetOrAdd(reading.Mn, static _ => new ConcurrentDictionary<string, Ring>(StringComparer.Ordinal));
        var ring = rings.GetOrAdd(reading.Parameter, static _ => new Ring());
        return ring.Add(HourOf(reading.Time), reading.Value ?? double.NaN, reading.Flag, received);
    }

    /// <summary>The parameters <paramref name="mn"/> has in the window.</summary>
    public ICollection<string> Parameters(string mn) => _stations.TryGetValue(mn, out var rings) ? rings.Keys : [];

    /// <summary>The stations in the window.</summary>
    public ICollection<string> Stations => _stations.Keys;

    /// <summary>Copies hours [<paramref name="first"/>, first + values.Length) of a series; NaN and null where there is nothing.</summary>
    public void Copy(string mn, string parameter, long first, double[] values, string?[] flags, DateTimeOffset?[] received)
    {
        if (_stations.TryGetValue(mn, out var rings) && rings.TryGetValue(parameter, out var ring))
        {
            ring.Copy(first, values, flags, received);
            return;
        }

        Array.Fill(values, double.NaN);
        Array.Clear(flags);
        Array.Clear(received);
    }

    private sealed class Ring
    {
        private readonly long[] _hours = new long[Hours];
        private readonly double[] _values = new double[Hours];
        private readonly string?[] _flags = new string?[Hours];
        private readonly DateTimeOffset[] _received = new DateTimeOffset[Hours];

        public Ring() => Array.Fill(_hours, -1);

        public bool Add(long hour, double value, string flag, DateTimeOffset received)
        {
            var slot = (int)(hour % Hours);
            lock (this)
            {
                if (_hours[slot] >= hour)
                {
                    return false;
                }

                (_hours[slot], _values[slot], _flags[slot], _received[slot]) = (hour, value, flag, received);
                return true;
            }
        }

        public void Copy(long first, double[] values, string?[] flags, DateTimeOffset?[] received)
        {
            lock (this)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    var hour = first + i;
                    var slot = (int)(hour % Hours);
                    var present = _hours[slot] == hour;
                    values[i] = present ? _values[slot] : double.NaN;
                    flags[i] = present ? _flags[slot] : null;
                    received[i] = present ? _received[slot] : null;
                }
            }
        }
    }
}
