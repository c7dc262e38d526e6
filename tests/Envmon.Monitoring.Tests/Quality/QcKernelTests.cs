using CsCheck;
using Envmon.Monitoring.Quality;

namespace Envmon.Monitoring.Tests.Quality;

public sealed class QcKernelTests
{
    private const double N = double.NaN;

    private static string Levels(double[] values, Action<double[], QcLevel[]> test)
    {
        var levels = new QcLevel[values.Length];
        test(values, levels);
        return string.Concat(levels.Select(l => (int)l));
    }

    [Theory]
    [InlineData(new[] { 5.0, -1, 0, 1000, 1000.5, 600, N, 2 }, "14334391")]
    public void Range_fails_outside_the_fail_span_and_suspects_outside_the_suspect_span(double[] values, string expected)
        => Assert.Equal(expected, Levels(values, (v, l) => QcKernels.Range(v, l, new QcSpan(0, 1000), new QcSpan(1, 500))));

    [Theory]
    [InlineData(new[] { 10.0, 10, 60, 10, 10, 200, 10, N, 10 }, "233334292", false)]
    [InlineData(new[] { 10.0, 10, 60, 110, 110 }, "23132", false)]
    [InlineData(new[] { 10.0, 10, 60, 110, 110 }, "21112", true)]
    public void Spike_compares_with_both_neighbours_and_tells_a_step_from_a_spike_in_differential_mode(double[] values, string expected, bool differential)
        => Assert.Equal(expected, Levels(values, (v, l) => QcKernels.Spike(v, l, 20, 100, differential)));

    [Theory]
    [InlineData(new[] { 10.0, 15, 40, N, N, 100, 100, 300 }, "21399114")]
    public void Rate_of_change_is_per_step_and_spreads_a_change_over_a_gap(double[] values, string expected)
        => Assert.Equal(expected, Levels(values, (v, l) => QcKernels.RateOfChange(v, l, 20, 100)));

    [Theory]
    [InlineData(new[] { 1.0, 5, 5, 5, 5, 5, 5, 6, 6 }, 0.0, "111133411")]
    [InlineData(new[] { 5.0, 5.2, 4.9, 5.1, 5, 5.3, N, 5, 5, 5, 5 }, 0.5, "11133491113")]
    [InlineData(new[] { 2.0, 2, 2, 2, 2, 2, 2 }, 0.0, "1111111")]
    public void Flat_line_flags_the_end_of_runs_whose_range_is_within_tolerance(double[] values, double tolerance, string expected)
        => Assert.Equal(expected, Levels(values, (v, l) => QcKernels.FlatLine(v, l, tolerance, suspectCount: 4, failCount: 6, above: tolerance == 0 && v[0] == 2 ? 2 : double.NegativeInfinity)));

    [Fact]
    public void Rolling_standard_deviation_ignores_gaps_and_needs_enough_values()
    {
        double[] values = [1, 2, 3, N, 5, 5, 5];
        var std = new double[values.Length];
        QcKernels.RollingStd(values, std, window: 3, minCount: 2);
        Assert.True(double.IsNaN(std[0]));
        Assert.Equal(0.5, std[1], 12);
        Assert.Equal(Math.Sqrt(2.0 / 3), std[2], 12);
        Assert.Equal(0.5, std[3], 12);
        Assert.Equal(1.0, std[4], 12);
        Assert.Equal(0.0, std[6], 12);
        var levels = new QcLevel[values.Length];
        QcKernels.Attenuated(values, std, levels, suspect: 0.6, fail: 0.1);
        Assert.Equal("2319144", string.Concat(levels.Select(l => (int)l)));
    }

    private static readonly Gen<double[]> Series = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 3]).SelectMany((level, noise) =>
        Gen.Double[0, 1].Select(u => u < 0.1 ? N : level * 10 + Math.Round(u * noise)).Array[0, 300]);

    // The vector paths (four values at a time) against the plain definitions, on series of every length with gaps,
    // values on the thresholds, and spikes of every size.
    [Fact]
    public void Range_and_spike_agree_with_their_definitions_at_every_length()
        => Gen.Select(Gen.Int[0, 4], Gen.Double[-50, 700]).Select(p => p.Item1 == 0 ? N : p.Item1 == 1 ? 500 : Math.Round(p.Item2)).Array[0, 40].Sample(values =>
        {
            var range = new QcLevel[values.Length];
            var spike = new QcLevel[values.Length];
            QcKernels.Range(values, range, new QcSpan(0, 600), new QcSpan(1, 500));
            QcKernels.Spike(values, spike, suspect: 50, fail: 200);
            for (var i = 0; i < values.Length; i++)
            {
                var x = values[i];
                var expectedRange = double.IsNaN(x) ? QcLevel.Missing : x < 0 || x > 600 ? QcLevel.Fail : x < 1 || x > 500 ? QcLevel.Suspect : QcLevel.Pass;
                var edge = i == 0 || i == values.Length - 1 || double.IsNaN(values[i - 1]) || double.IsNaN(values[i + 1]);
                var size = edge ? 0 : Math.Abs(x - ((values[i - 1] + values[i + 1]) / 2));
                var expectedSpike = double.IsNaN(x) ? QcLevel.Missing : edge ? QcLevel.NotEvaluated : size > 200 ? QcLevel.Fail : size > 50 ? QcLevel.Suspect : QcLevel.Pass;
                if (range[i] != expectedRange || spike[i] != expectedSpike)
                {
                    return false;
                }
            }

            return true;
        });

    [Fact]
    public void Flat_line_agrees_with_a_direct_scan_of_every_trailing_window()
        => Series.Sample(values =>
        {
            var levels = new QcLevel[values.Length];
            QcKernels.FlatLine(values, levels, tolerance: 1, suspectCount: 3, failCount: 7);
            for (var i = 0; i < values.Length; i++)
            {
                var run = 0;
                while (run < 7 && i - run >= 0 && !double.IsNaN(values[i - run]) && Range(values, i - run, i) <= 1)
                {
                    run++;
                }

                var expected = double.IsNaN(values[i]) ? QcLevel.Missing : run >= 7 ? QcLevel.Fail : run >= 3 ? QcLevel.Suspect : QcLevel.Pass;
                if (levels[i] != expected)
                {
                    return false;
                }
            }

            return true;
        });

    [Fact]
    public void Rolling_standard_deviation_agrees_with_a_two_pass_computation_over_long_series()
        => Gen.Double[-1000, 1000].Select(x => x > 900 ? N : x).Array[0, 3000].Sample(values =>
        {
            var std = new double[values.Length];
            QcKernels.RollingStd(values, std, window: 24, minCount: 5);
            for (var i = 0; i < values.Length; i++)
            {
                var window = values[Math.Max(0, i - 23)..(i + 1)].Where(v => !double.IsNaN(v)).ToArray();
                if (window.Length < 5)
                {
                    if (!double.IsNaN(std[i]))
                    {
                        return false;
                    }

                    continue;
                }

                var mean = window.Average();
                var expected = Math.Sqrt(window.Sum(v => (v - mean) * (v - mean)) / window.Length);
                if (Math.Abs(std[i] - expected) > 1e-6 * Math.Max(1, expected))
                {
                    return false;
                }
            }

            return true;
        }, iter: 200);

    [Fact]
    public void Kernels_reject_levels_of_another_length()
    {
        Assert.Throws<ArgumentException>(() => QcKernels.Range(new double[3], new QcLevel[2], QcSpan.Any, QcSpan.Any));
        Assert.Throws<ArgumentOutOfRangeException>(() => QcKernels.FlatLine(new double[3], new QcLevel[3], -1, 3, 4));
    }

    private static double Range(double[] values, int from, int to)
    {
        var window = values[from..(to + 1)];
        return window.Max() - window.Min();
    }
}
