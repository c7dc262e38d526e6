using CsCheck;
using Envmon.Monitoring.Quality;
using Envmon.Monitoring.Readings;
using Envmon.Monitoring.Stations;

namespace Envmon.Monitoring.Tests.Quality;

public sealed class QcEngineTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly StationPassword Password = StationPassword.Create("x", iterations: 1);

    internal static Station Air(string mn, double lat = 34.75, double lon = 113.65, Network network = Network.NationalAir) => new()
    {
        Mn = mn,
        Name = mn,
        Network = network,
        CityCode = "410100",
        Latitude = lat,
        Longitude = lon,
        Password = Password,
    };

    private static QcSeries Hourly(Station station, string parameter, double[] values, string?[]? flags = null, int from = 0, DateTimeOffset? start = null) => new()
    {
        Station = station,
        Parameter = parameter,
        Kind = DataKind.Hour,
        Start = start ?? Start,
        Step = TimeSpan.FromHours(1),
        Values = values,
        Flags = flags ?? [.. values.Select(v => double.IsNaN(v) ? null : "N")],
        From = from,
    };

    [Fact]
    public void The_default_configuration_passes_plausible_air_data()
    {
        var engine = new QcEngine(QcConfiguration.Default, [Air("A")]);
        var result = engine.Evaluate([Hourly(Air("A"), "PM2.5", [35, 38, 41, 40, 52, 47, 45, 43])]);
        Assert.All(result[0], o => Assert.Same(QcOutcome.Passed, o));
    }

    [Fact]
    public void Station_flags_set_their_levels_and_keep_the_reason_even_without_a_value()
    {
        var engine = new QcEngine(QcConfiguration.Default, [Air("A")]);
        var result = engine.Evaluate([Hourly(Air("A"), "SO2", [10, 11, double.NaN, 12, 13], ["N", "C", "D", "S", "X"])])[0];
        Assert.Equal([QcLevel.Pass, QcLevel.Fail, QcLevel.Fail, QcLevel.Suspect, QcLevel.Suspect], result.Select(o => o.Level));
        Assert.Equal(["station-calibration", "station-fault", "station-manual", "station-flag-unknown"], result.Skip(1).Select(o => o.Flags.Single().Reason));
        Assert.All(result.Skip(1), o => Assert.Equal("station-flags", o.Flags[0].Rule));
    }

    [Fact]
    public void Every_flag_carries_rule_version_and_parameter_hash_and_a_value_keeps_every_reason()
    {
        var engine = new QcEngine(QcConfiguration.Default, [Air("A")]);
        var outcome = engine.Evaluate([Hourly(Air("A"), "PM2.5", [30, 32, 1200, 31, 30], ["N", "N", "C", "N", "N"])])[0][2];
        Assert.Equal(QcLevel.Fail, outcome.Level);
        Assert.Equal(["station-calibration", "range-fail", "spike", "rate-of-change"], outcome.Flags.Select(f => f.Reason));
        var range = outcome.Flags.Single(f => f.Reason == "range-fail");
        Assert.Equal(("air-pm25-range", 1), (range.Rule, range.Version));
        Assert.Matches("^[0-9a-f]{12}$", range.Hash);
    }

    [Fact]
    public void Time_checks_fail_future_intervals_and_suspect_a_clock_that_runs_ahead()
    {
        var engine = new QcEngine(QcConfiguration.Default, [Air("A")]);
        var series = new QcSeries
        {
            Station = Air("A"),
            Parameter = "NO2",
            Kind = DataKind.Hour,
            Start = Start,
            Step = TimeSpan.FromHours(1),
            Values = [20, 21, 22],
            Flags = ["N", "N", "N"],
            Received = [Start.AddHours(1).AddMinutes(3), Start.AddHours(1).AddMinutes(40), Start.AddHours(1).AddMinutes(40)],
        };
        var result = engine.Evaluate([series])[0];
        Assert.Equal(QcLevel.Pass, result[0].Level);
        Assert.Equal("clock-skew", result[1].Flags.Single().Reason);
        Assert.Equal(("future-time", QcLevel.Fail), (result[2].Flags.Single().Reason, result[2].Level));
    }

    [Fact]
    public void Pm25_above_pm10_beyond_the_tolerance_makes_both_suspect()
    {
        var station = Air("A");
        var engine = new QcEngine(QcConfiguration.Default, [station]);
        var result = engine.Evaluate([Hourly(station, "PM2.5", [50, 58, 80]), Hourly(station, "PM10", [60, 50, 60])]);
        Assert.Equal([QcLevel.Pass, QcLevel.Pass, QcLevel.Suspect], result[0].Select(o => o.Level));
        Assert.Equal([QcLevel.Pass, QcLevel.Pass, QcLevel.Suspect], result[1].Select(o => o.Level));
        Assert.Equal("pm-inversion", result[1][2].Flags.Single().Reason);
    }

    [Fact]
    public void A_station_far_from_its_neighbours_median_is_suspect_and_failed_neighbours_do_not_count()
    {
        Station[] stations = [Air("A"), Air("B", 34.76), Air("C", 34.77), Air("D", 34.78), Air("E", 34.79), Air("FAR", 36.5)];
        var engine = new QcEngine(QcConfiguration.Default, stations);
        var result = engine.Evaluate([
            Hourly(stations[0], "PM2.5", [60, 300]),
            Hourly(stations[1], "PM2.5", [62, 70]),
            Hourly(stations[2], "PM2.5", [58, 72]),
            Hourly(stations[3], "PM2.5", [61, 68]),
            Hourly(stations[4], "PM2.5", [59, 2000]),
            Hourly(stations[5], "PM2.5", [300, 300]),
        ]);
        Assert.Equal(QcLevel.Pass, result[0][0].Level);
        Assert.Contains("neighbour", result[0][1].Flags.Select(f => f.Reason));
        Assert.DoesNotContain(result[4][1].Flags, f => f.Reason == "neighbour" && result[4][1].Level != QcLevel.Fail);
        Assert.Equal(QcLevel.Pass, result[1][1].Level);
    }

    [Fact]
    public void Fewer_usable_neighbours_than_the_minimum_leave_the_test_unevaluated()
    {
        Station[] stations = [Air("A"), Air("B", 34.76), Air("C", 34.77)];
        var engine = new QcEngine(QcConfiguration.Default, stations);
        var result = engine.Evaluate([Hourly(stations[0], "PM2.5", [300]), Hourly(stations[1], "PM2.5", [60]), Hourly(stations[2], "PM2.5", [61])]);
        Assert.DoesNotContain(result[0][0].Flags, f => f.Reason == "neighbour");
    }

    [Fact]
    public void Qa_windows_fail_the_values_they_cover_with_their_reason()
    {
        var station = Air("A");
        var engine = new QcEngine(QcConfiguration.Default, [station]);
        var window = new QaWindow(7, "A", "O3", Start.AddHours(1), Start.AddHours(2).AddMinutes(30), "calibration", "WO-1");
        var result = engine.Evaluate([Hourly(station, "O3", [50, 52, 55, 56]), Hourly(station, "NO2", [20, 21, 22, 23])], [window]);
        Assert.Equal([QcLevel.Pass, QcLevel.Fail, QcLevel.Fail, QcLevel.Pass], result[0].Select(o => o.Level));
        Assert.Equal(("calibration", "window-7"), (result[0][1].Flags.Single().Reason, result[0][1].Flags[0].Rule));
        Assert.All(result[1], o => Assert.Equal(QcLevel.Pass, o.Level));
    }

    [Fact]
    public void A_station_rule_overrides_the_network_rule_and_a_month_rule_applies_in_its_month_only()
    {
        var configuration = QcConfiguration.Parse("""
            {"version": 4, "rules": [
              {"id": "all", "test": "range", "version": 1, "scope": {"parameters": ["O3"]}, "params": {"fail": [0, 100]}},
              {"id": "mine", "test": "range", "version": 2, "scope": {"stations": ["A"], "parameters": ["O3"]}, "params": {"fail": [0, 300]}},
              {"id": "winter", "test": "range", "version": 1, "scope": {"parameters": ["O3"], "months": [2]}, "params": {"fail": [0, 50]}}
            ]}
            """);
        var engine = new QcEngine(configuration, [Air("A"), Air("B")]);
        var start = new DateTimeOffset(2026, 2, 28, 22, 0, 0, TimeSpan.FromHours(8));
        var result = engine.Evaluate([Hourly(Air("A"), "O3", [200, 200, 200, 200], start: start), Hourly(Air("B"), "O3", [80, 80, 80, 80], start: start)]);
        Assert.Equal([QcLevel.Pass, QcLevel.Pass, QcLevel.Pass, QcLevel.Pass], result[0].Select(o => o.Level));
        Assert.Equal([QcLevel.Fail, QcLevel.Fail, QcLevel.Pass, QcLevel.Pass], result[1].Select(o => o.Level));
        Assert.Equal("winter", result[1][0].Flags.Single().Rule);
    }

    [Fact]
    public void Evaluating_the_newest_slots_with_a_look_back_gives_the_flags_of_the_whole_series()
    {
        Station[] stations = [Air("A"), Air("B", 34.76), Air("C", 34.77), Air("D", 34.78)];
        var engine = new QcEngine(QcConfiguration.Default, stations);
        var values = Gen.Double[0, 1].Select(u => u < 0.05 ? double.NaN : u < 0.1 ? 45 : Math.Round(u * 300)).Array[48];
        Gen.Select(values, values, values, values).Sample((a, b, c, d) =>
        {
            double[][] all = [a, b, c, d];
            var whole = engine.Evaluate([.. stations.Select((s, k) => Hourly(s, "PM2.5", all[k]))]);
            const int lookBack = 30;
            for (var hour = lookBack; hour < 48; hour++)
            {
                var from = hour - lookBack;
                var part = engine.Evaluate([.. stations.Select((s, k) => Hourly(s, "PM2.5", all[k][from..(hour + 1)], from: lookBack - 1, start: Start.AddHours(from)))]);
                for (var k = 0; k < stations.Length; k++)
                {
                    if (!part[k][0].SameAs(whole[k][hour - 1]) || (hour < 47 && !SpikeOnlyDiffers(part[k][1], whole[k][hour])))
                    {
                        return false;
                    }
                }
            }

            return true;
        }, iter: 40);
    }

    // The newest value of a look-back run has no right-hand neighbour yet: its spike test waits for the next hour.
    private static bool SpikeOnlyDiffers(QcOutcome newest, QcOutcome settled)
        => newest.Flags.SequenceEqual(settled.Flags.Where(f => f.Reason != "spike"));

    [Fact]
    public void Configuration_errors_name_the_rule_and_the_field()
    {
        var error = Assert.Throws<FormatException>(() => QcConfiguration.Parse("""
            {"version": 1, "rules": [
              {"id": "a", "test": "range", "version": 1, "params": {"fail": [10, 0]}},
              {"id": "b", "test": "spikes", "version": 1},
              {"id": "c", "test": "flat-line", "version": 1, "scope": {"parameters": ["PM3"]}, "params": {"tolerance": 0, "suspect": 5, "fail": 3}},
              {"id": "a", "test": "rate", "version": 1, "params": {"suspect": 1, "fail": 2}}
            ]}
            """));
        Assert.Contains("rule \"a\" \"fail\" must be [min, max] numbers with min ≤ max", error.Message, StringComparison.Ordinal);
        Assert.Contains("rule \"b\" \"test\" \"spikes\" is not one of", error.Message, StringComparison.Ordinal);
        Assert.Contains("rule \"c\" scope names an unknown parameter \"PM3\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("rule \"c\" \"fail\" must be at least \"suspect\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("rule \"a\": the id is used twice", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => QcConfiguration.Parse("not json"));
    }

    [Fact]
    public void The_parameter_hash_follows_the_thresholds_not_the_layout()
    {
        static string Hash(string parameters) => QcConfiguration.Parse($$"""{"version": 1, "rules": [{"id": "r", "test": "rate", "version": 1, "params": {{parameters}}}]}""").Rules[0].Hash;
        Assert.Equal(Hash("""{"suspect": 1, "fail": 2}"""), Hash("""{ "fail" : 2.0,"suspect":1 }"""));
        Assert.NotEqual(Hash("""{"suspect": 1, "fail": 2}"""), Hash("""{"suspect": 1, "fail": 3}"""));
    }

    [Fact]
    public void Roll_up_is_worst_of_in_qartod_order()
    {
        Assert.Equal(QcLevel.Pass, QcLevels.Worst(QcLevel.Missing, QcLevel.Pass));
        Assert.Equal(QcLevel.Pass, QcLevels.Worst(QcLevel.NotEvaluated, QcLevel.Pass));
        Assert.Equal(QcLevel.Suspect, QcLevels.Worst(QcLevel.Suspect, QcLevel.Pass));
        Assert.Equal(QcLevel.Fail, QcLevels.Worst(QcLevel.Suspect, QcLevel.Fail));
        Assert.Equal(QcLevel.Fail, QcFlag.RollUp([new QcFlag(QcLevel.Suspect, "spike", "r", 1, "h"), new QcFlag(QcLevel.Fail, "range-fail", "r", 1, "h")]));
    }

    [Fact]
    public void Every_reason_code_is_unique_and_the_default_rules_use_only_known_reasons()
    {
        Assert.Equal(QcReasons.All.Count, QcReasons.All.Select(r => r.Code).Distinct().Count());
        Assert.Equal(74, QcConfiguration.Default.Rules.Count);
        Assert.Equal(1, QcConfiguration.Default.Version);
    }
}
