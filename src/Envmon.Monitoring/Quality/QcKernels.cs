using System.Runtime.Intrinsics;

namespace Envmon.Monitoring.Quality;

/// <summary>A closed interval of plausible values; either end may be infinite.</summary>
/// <param name="Min">The lowest value inside.</param>
/// <param name="Max">The highest value inside.</param>
public readonly record struct QcSpan(double Min, double Max)
{
    /// <summary>Every value.</summary>
    public static readonly QcSpan Any = new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>Whether <paramref name="value"/> lies outside (NaN does not).</summary>
    public bool Outside(double value) => value < Min || value > Max;
}

/// <summary>
/// The single-series tests over a regular series (one value per step, NaN where none was sent), one level per value.
/// Semantics follow ioos_qc's QARTOD tests (quality.md §b.1); every kernel is one pass, O(n), without allocation
/// beyond a window-sized buffer, so that batch and real-time runs share them.
/// </summary>
public static class QcKernels
{
    /// <summary>Gross range: outside <paramref name="fail"/> 4, else outside <paramref name="suspect"/> 3, else 1; NaN 9.</summary>
    public static void Range(ReadOnlySpan<double> values, Span<QcLevel> levels, QcSpan fail, QcSpan suspect)
    {
        Check(values, levels);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (failMin, failMax) = (Vector256.Create(fail.Min), Vector256.Create(fail.Max));
            var (suspectMin, suspectMax) = (Vector256.Create(suspect.Min), Vector256.Create(suspect.Max));
            for (; i <= values.Length - 4; i += 4)
            {
                var x = Vector256.Create(values.Slice(i, 4));
                var level = Vector256.ConditionalSelect(Vector256.LessThan(x, suspectMin) | Vector256.GreaterThan(x, suspectMax), Levels.Suspect, Levels.Pass);
                level = Vector256.ConditionalSelect(Vector256.LessThan(x, failMin) | Vector256.GreaterThan(x, failMax), Levels.Fail, level);
                Store(Vector256.ConditionalSelect(Vector256.Equals(x, x), level, Levels.Missing), levels, i);
            }
        }

        for (; i < values.Length; i++)
        {
            var x = values[i];
            var level = QcLevel.Pass;
            level = suspect.Outside(x) ? QcLevel.Suspect : level;
            level = fail.Outside(x) ? QcLevel.Fail : level;
            levels[i] = double.IsNaN(x) ? QcLevel.Missing : level;
        }
    }

    /// <summary>
    /// Spike: the distance of a value from the mean of its two neighbours (<paramref name="differential"/> false), or
    /// the smaller of its two differences where they have opposite signs (true), against the thresholds. The first and
    /// last values and those beside a gap are 2 (not evaluated).
    /// </summary>
    public static void Spike(ReadOnlySpan<double> values, Span<QcLevel> levels, double suspect, double fail, bool differential = false)
    {
        Check(values, levels);
        var i = 0;
        if (values.Length > 0)
        {
            levels[0] = SpikeAt(values, 0, suspect, fail, differential);
            i = 1;
        }

        if (Vector256.IsHardwareAccelerated && !differential)
        {
            var (suspects, fails, half) = (Vector256.Create(suspect), Vector256.Create(fail), Vector256.Create(0.5));
            for (; i <= values.Length - 5; i += 4)
            {
                var before = Vector256.Create(values.Slice(i - 1, 4));
                var x = Vector256.Create(values.Slice(i, 4));
                var after = Vector256.Create(values.Slice(i + 1, 4));
                var size = Vector256.Abs(x - ((before + after) * half));
                var level = Vector256.ConditionalSelect(Vector256.GreaterThan(size, suspects), Levels.Suspect, Levels.Pass);
                level = Vector256.ConditionalSelect(Vector256.GreaterThan(size, fails), Levels.Fail, level);
                level = Vector256.ConditionalSelect(Vector256.Equals(before, before) & Vector256.Equals(after, after), level, Levels.NotEvaluated);
                Store(Vector256.ConditionalSelect(Vector256.Equals(x, x), level, Levels.Missing), levels, i);
            }
        }

        for (; i < values.Length; i++)
        {
            levels[i] = SpikeAt(values, i, suspect, fail, differential);
        }
    }

    private static QcLevel SpikeAt(ReadOnlySpan<double> values, int i, double suspect, double fail, bool differential)
    {
        var x = values[i];
        if (double.IsNaN(x))
        {
            return QcLevel.Missing;
        }

        if (i == 0 || i == values.Length - 1 || double.IsNaN(values[i - 1]) || double.IsNaN(values[i + 1]))
        {
            return QcLevel.NotEvaluated;
        }

        var before = x - values[i - 1];
        var after = x - values[i + 1];
        var size = differential
            ? (before * after > 0 ? Math.Min(Math.Abs(before), Math.Abs(after)) : 0)
            : Math.Abs((before + after) / 2);
        return size > fail ? QcLevel.Fail : size > suspect ? QcLevel.Suspect : QcLevel.Pass;
    }

    /// <summary>
    /// Rate of change: the change from the previous value sent, per step (over a gap, divided by the steps between),
    /// above <paramref name="suspect"/> 3, above <paramref name="fail"/> 4. The first value is 2.
    /// </summary>
    public static void RateOfChange(ReadOnlySpan<double> values, Span<QcLevel> levels, double suspect, double fail)
    {
        Check(values, levels);
        var last = -1;
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            if (double.IsNaN(x))
            {
                levels[i] = QcLevel.Missing;
                continue;
            }

            if (last < 0)
            {
                levels[i] = QcLevel.NotEvaluated;
            }
            else
            {
                var rate = Math.Abs(x - values[last]) / (i - last);
                levels[i] = rate > fail ? QcLevel.Fail : rate > suspect ? QcLevel.Suspect : QcLevel.Pass;
            }

            last = i;
        }
    }

    /// <summary>
    /// Flat line: a value ends a run of <paramref name="suspectCount"/> (3) or <paramref name="failCount"/> (4) or more
    /// consecutive values whose range (max − min) is at most <paramref name="tolerance"/>. A gap, or a value at or below
    /// <paramref name="above"/>, ends a run (such values pass). Each value's run is found by walking back at most
    /// <paramref name="failCount"/> values, which for honest data ends at the first step.
    /// </summary>
    public static void FlatLine(ReadOnlySpan<double> values, Span<QcLevel> levels, double tolerance, int suspectCount, int failCount,
        double above = double.NegativeInfinity)
    {
        Check(values, levels);
        ArgumentOutOfRangeException.ThrowIfLessThan(suspectCount, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(failCount, suspectCount);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            if (double.IsNaN(x) || x <= above)
            {
                levels[i] = double.IsNaN(x) ? QcLevel.Missing : QcLevel.Pass;
                continue;
            }

            // Walk back while the run's range stays within the tolerance; honest data stops at the first step.
            var (low, high, run) = (x, x, 1);
            for (var j = i - 1; j >= 0 && run < failCount; j--)
            {
                var y = values[j];
                if (double.IsNaN(y) || y <= above)
                {
                    break;
                }

                (low, high) = (Math.Min(low, y), Math.Max(high, y));
                if (high - low > tolerance)
                {
                    break;
                }

                run++;
            }

            levels[i] = run >= failCount ? QcLevel.Fail : run >= suspectCount ? QcLevel.Suspect : QcLevel.Pass;
        }
    }

    /// <summary>
    /// The standard deviation (population) of the valid values in the trailing window of <paramref name="window"/>
    /// steps ending at each value, or NaN where the window holds fewer than <paramref name="minCount"/> valid values.
    /// Running sums are shifted by the first value and recomputed every 1,024 steps, so rounding cannot drift.
    /// </summary>
    public static void RollingStd(ReadOnlySpan<double> values, Span<double> std, int window, int minCount)
    {
        if (values.Length != std.Length)
        {
            throw new ArgumentException("values and std differ in length", nameof(std));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        var shift = 0.0;
        foreach (var x in values)
        {
            if (!double.IsNaN(x))
            {
                shift = x;
                break;
            }
        }

        double sum = 0, squares = 0;
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if ((i & 1023) == 0 && i > 0)
            {
                (sum, squares, count) = Sums(values[Math.Max(0, i - window)..i], shift);
            }

            var x = values[i] - shift;
            if (!double.IsNaN(x))
            {
                sum += x;
                squares += x * x;
                count++;
            }

            if (i >= window && values[i - window] - shift is var old && !double.IsNaN(old))
            {
                sum -= old;
                squares -= old * old;
                count--;
            }

            std[i] = count >= minCount ? Math.Sqrt(Math.Max(0, (squares - sum * sum / count) / count)) : double.NaN;
        }
    }

    /// <summary>
    /// Attenuated signal: a rolling standard deviation (from <see cref="RollingStd"/>) below <paramref name="fail"/> 4,
    /// below <paramref name="suspect"/> 3, else 1; 2 where it is NaN (too few values); 9 where the value is missing.
    /// </summary>
    public static void Attenuated(ReadOnlySpan<double> values, ReadOnlySpan<double> std, Span<QcLevel> levels, double suspect, double fail)
    {
        Check(values, levels);
        for (var i = 0; i < values.Length; i++)
        {
            var s = std[i];
            levels[i] = double.IsNaN(values[i]) ? QcLevel.Missing
                : double.IsNaN(s) ? QcLevel.NotEvaluated
                : s < fail ? QcLevel.Fail
                : s < suspect ? QcLevel.Suspect
                : QcLevel.Pass;
        }
    }

    private static (double Sum, double Squares, int Count) Sums(ReadOnlySpan<double> values, double shift)
    {
        double sum = 0, squares = 0;
        var count = 0;
        foreach (var value in values)
        {
            var x = value - shift;
            if (!double.IsNaN(x))
            {
                sum += x;
                squares += x * x;
                count++;
            }
        }

        return (sum, squares, count);
    }

    // The levels as doubles, for the vector kernels.
    private static class Levels
    {
        public static readonly Vector256<double> Pass = Vector256.Create((double)QcLevel.Pass);
        public static readonly Vector256<double> NotEvaluated = Vector256.Create((double)QcLevel.NotEvaluated);
        public static readonly Vector256<double> Suspect = Vector256.Create((double)QcLevel.Suspect);
        public static readonly Vector256<double> Fail = Vector256.Create((double)QcLevel.Fail);
        public static readonly Vector256<double> Missing = Vector256.Create((double)QcLevel.Missing);
    }

    // Writes four levels held as doubles as four bytes.
    private static void Store(Vector256<double> level, Span<QcLevel> levels, int at)
    {
        var wide = Vector256.ConvertToInt64(level);
        var narrow = Vector256.Narrow(Vector256.Narrow(Vector256.Narrow(wide, wide), Vector256<int>.Zero), Vector256<short>.Zero);
        var bytes = narrow.AsUInt32();
        System.Runtime.InteropServices.MemoryMarshal.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(levels.Slice(at, 4)), bytes.GetElement(0));
    }

    private static void Check(ReadOnlySpan<double> values, Span<QcLevel> levels)
    {
        if (values.Length != levels.Length)
        {
            throw new ArgumentException("values and levels differ in length", nameof(levels));
        }
    }
}
