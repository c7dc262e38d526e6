using System.Numerics;
using System.Text.Json.Nodes;
using Envmon.Monitoring.Indicators;
using Envmon.Monitoring.Indicators.Air;

namespace Envmon.Cli.Calc;

/// <summary>The air commands of <c>envmon calc</c> (../shared/docs/calc-interface.md), on the engine the server uses.</summary>
internal static class AirCalc
{
    public static JsonObject Iaqi(CalcInput input)
    {
        var pollutant = input.Text("pollutant") ?? throw new CalcInputException("\"pollutant\" is required");
        var period = input.Text("period") switch
        {
            "1h" => AveragingPeriod.Hour,
            "8h" => AveragingPeriod.EightHours,
            "24h" => AveragingPeriod.Day,
            var other => throw new CalcInputException($"\"period\" \"{other}\" is not 1h, 8h or 24h"),
        };
        if (!Monitoring.Indicators.Air.Iaqi.HasTable(pollutant, period))
        {
            throw new CalcInputException($"\"pollutant\" {pollutant} has no {Monitoring.Indicators.Air.Iaqi.Name(period)} IAQI table");
        }

        var result = Monitoring.Indicators.Air.Iaqi.Compute(pollutant, period, input.RequiredNumber("concentration", concentration: false), input.Rules());
        return new JsonObject
        {
            ["table"] = result.Table,
            ["iaqi"] = result.Value,
            ["rule"] = result.Rule,
            ["raw"] = result.Raw is { } raw ? (double)raw : null,
        };
    }

    public static JsonObject Hourly(CalcInput input)
    {
        var rules = input.Rules();
        var hour = new HourlyConcentrations(input.Number("SO2"), input.Number("NO2"), input.Number("CO"), input.Number("O3"), input.Number("PM10"),
            input.Number("PM2.5"), input.Number("O3_8h"), input.Number("SO2_24h"));
        return Report(AirQualityIndex.Hourly(hour, rules, input.Bool("include_o3_8h") ?? false, input.Bool("round_conc")));
    }

    public static JsonObject Daily(CalcInput input)
    {
        var rules = input.Rules();
        JsonObject? validity = null;
        DailyValues day;
        if (input.Object("daily") is { } daily)
        {
            var values = new CalcInput(daily);
            day = new DailyValues(values.Number("SO2"), values.Number("NO2"), values.Number("CO"), values.Number("PM10"), values.Number("PM2.5"),
                values.Number("O3_1h_max"), values.Number("O3_8h_max"));
        }
        else if (input.Object("hourly") is { } hourly)
        {
            (day, validity) = FromHours(new CalcInput(hourly));
        }
        else
        {
            throw new CalcInputException("\"daily\" or \"hourly\" is required");
        }

        var report = Report(AirQualityIndex.Daily(day, rules, input.Bool("round_conc")));
        report["daily_values"] = new JsonObject
        {
            ["SO2"] = day.So2,
            ["NO2"] = day.No2,
            ["CO"] = day.Co,
            ["PM10"] = day.Pm10,
            ["PM2.5"] = day.Pm25,
            ["O3_1h_max"] = day.O3MaxHour,
            ["O3_8h_max"] = day.O3MaxEightHour,
        };
        if (validity is not null)
        {
            report["validity"] = validity;
        }

        return report;
    }

    // Daily values from 24 hourly values per pollutant, with how valid each was.
    private static (DailyValues Day, JsonObject Validity) FromHours(CalcInput hourly)
    {
        var series = hourly.Json.Select(p => p.Key).ToDictionary(key => key, key => Day(hourly, key).ToArray(), StringComparer.Ordinal);
        var day = AirStatistics.Daily(series);
        var validity = new JsonObject();
        foreach (var (pollutant, hours) in day.Hours)
        {
            validity[pollutant] = new JsonObject { ["hours"] = hours, ["valid"] = AirStatistics.DayValid(hours) };
        }

        if (day.Ozone is { } ozone)
        {
            validity["O3_8h"] = new JsonObject { ["windows"] = ozone.ValidWindows, ["valid"] = ozone.Valid };
        }

        return (day.Values, validity);
    }

    private static List<decimal?> Day(CalcInput hourly, string key)
    {
        var hours = hourly.Numbers(key);
        return hours.Count == 24 ? hours : throw new CalcInputException($"\"hourly.{key}\" must have 24 values, one per hour");
    }

    public static JsonObject CityHourly(CalcInput input)
    {
        var rules = input.Rules();
        var round = input.Bool("round_conc");
        var stations = (input.Array("stations") ?? throw new CalcInputException("\"stations\" is required"))
            .Select((s, i) => s is JsonObject o ? new CalcInput(o) : throw new CalcInputException($"\"stations[{i}]\" is not an object"))
            .Select(s => new HourlyConcentrations(s.Number("SO2"), s.Number("NO2"), s.Number("CO"), s.Number("O3"), s.Number("PM10"), s.Number("PM2.5")))
            .ToList();
        var (city, counts) = AirQualityIndex.CityHour(stations, rules, round);
        var report = Report(AirQualityIndex.Hourly(city, rules, roundConcentrations: round));
        report["city_concentrations"] = EvaluationCalc.Object(new (string, decimal?)[]
            {
                ("SO2", city.So2), ("NO2", city.No2), ("CO", city.Co), ("O3", city.O3), ("PM10", city.Pm10), ("PM2.5", city.Pm25),
            }.Where(c => c.Item2 is not null).Select(c => (c.Item1, (JsonNode?)c.Item2)));
        report["station_counts"] = EvaluationCalc.Object(counts.Select(c => (c.Key, (JsonNode?)c.Value)));
        return report;
    }

    public static JsonObject Category(CalcInput input)
    {
        var aqi = input.RequiredNumber("aqi");
        return aqi == decimal.Truncate(aqi) ? Category(AqiCategory.Of((int)aqi)) : throw new CalcInputException("\"aqi\" is not an integer");
    }

    public static JsonObject OzoneEightHour(CalcInput input)
    {
        var hours = input.Numbers("hourly");
        if (hours.Count != 24)
        {
            throw new CalcInputException("\"hourly\" must have 24 values, one per hour");
        }

        var result = AirStatistics.O3EightHour(hours.ToArray());
        return new JsonObject
        {
            ["mda8"] = result.Mda8 is { } mda8 ? Gbt8170.Round(mda8, 0) : null,
            ["mda8_exact"] = result.Mda8?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["n_valid_windows"] = result.ValidWindows,
            ["valid"] = result.Valid,
            ["moving_8h"] = new JsonArray([.. result.MovingAverages.Select(m => (JsonNode?)(m is { } v ? (double)v : null))]),
        };
    }

    public static JsonObject Validity(CalcInput input)
    {
        int Count(string key) => (int)input.RequiredNumber(key);
        var valid = input.Text("kind") switch
        {
            "hour" => AirStatistics.HourValid(Count("minutes")),
            "daily_mean" => AirStatistics.DayValid(Count("hours")),
            "8h" => AirStatistics.EightHourValid(Count("hours")),
            "month" => AirStatistics.MonthValid(Count("month"), Count("days")),
            "year" => AirStatistics.YearValid(Count("days"), input.Has("monthly_days") ? input.Numbers("monthly_days").Select(d => (int)(d ?? 0)).ToList() : null),
            var other => throw new CalcInputException($"\"kind\" \"{other}\" is not hour, daily_mean, 8h, month or year"),
        };
        return new JsonObject { ["valid"] = valid };
    }

    public static JsonObject Percentile(CalcInput input)
    {
        var values = input.Numbers("values", concentration: false);
        if (values.Count == 0 || values.Any(v => v is null))
        {
            throw new CalcInputException("\"values\" must be a non-empty list of numbers");
        }

        var p = input.RequiredNumber("p");
        if (p > 100)
        {
            throw new CalcInputException("\"p\" is above 100");
        }

        var value = AirStatistics.Percentile(values.Select(v => v!.Value), p);
        return new JsonObject { ["value"] = value, ["exact"] = Fraction(value) };
    }

    public static JsonObject Round(CalcInput input)
    {
        var value = input.RequiredNumber("value", concentration: false);
        var digits = input.Text("pollutant") is { } pollutant ? Gbt8170.Digits(pollutant) : (int)(input.Number("ndigits") ?? 0);
        return new JsonObject { ["value"] = Gbt8170.Round(value, digits) };
    }

    private static JsonObject Report(AqiReport report)
    {
        var iaqi = new JsonObject();
        var basis = new JsonObject();
        foreach (var (item, value, from) in report.Items)
        {
            iaqi[item] = value;
            basis[item] = from;
        }

        JsonNode? published = report.Published switch
        {
            null => null,
            "NA" => "NA",
            var number => int.Parse(number, System.Globalization.CultureInfo.InvariantCulture),
        };
        return new JsonObject
        {
            ["version"] = report.Rules.Name(),
            ["mode"] = report.Mode,
            ["aqi"] = report.Aqi,
            ["aqi_published"] = published,
            ["iaqi"] = iaqi,
            ["basis"] = basis,
            ["primary_pollutants"] = Strings(report.Primary),
            ["exceeding_pollutants"] = Strings(report.Exceeding),
            ["missing"] = Strings(report.Missing),
            ["complete"] = report.Complete,
            ["category"] = report.Category is { } category ? Category(category) : null,
            ["notes"] = Strings(report.Notes),
        };
    }

    private static JsonObject Category(AqiCategory c) => new()
    {
        ["level"] = c.Level,
        ["level_number"] = c.LevelNumber,
        ["category"] = c.Category,
        ["colour"] = c.Colour,
        ["rgb"] = new JsonArray([.. c.Rgb.Select(b => (JsonNode)(int)b)]),
        ["rgb_hex"] = c.RgbHex,
        ["cmyk"] = new JsonArray([.. c.Cmyk.Select(b => (JsonNode)(int)b)]),
        ["english"] = c.English,
        ["range"] = new JsonArray(c.From, c.To),
    };

    private static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode)i)]);

    // The exact value as a reduced fraction, e.g. 9.1 → "91/10"; an integer as itself.
    private static string Fraction(decimal value)
    {
        var scale = value.Scale;
        var denominator = BigInteger.Pow(10, scale);
        var numerator = new BigInteger(value * (decimal)denominator);
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        (numerator, denominator) = (numerator / gcd, denominator / gcd);
        return denominator.IsOne ? numerator.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{numerator}/{denominator}";
    }
}
