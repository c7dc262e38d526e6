using System.Text.Json.Nodes;
using Envmon.Monitoring.Indicators.Air;

namespace Envmon.Cli.Calc;

/// <summary><c>envmon calc</c> commands for evaluation (annual statistics, composite index) and the US EPA AQI.</summary>
internal static class EvaluationCalc
{
    public static JsonObject Annual(CalcInput input)
    {
        var limits = input.Text("limits") switch
        {
            null or "2012" => LimitSet.V2012,
            "2026-transition" => LimitSet.V2026Transition,
            "2026-final" => LimitSet.V2026Final,
            var other => throw new CalcInputException($"\"limits\" \"{other}\" is not 2012, 2026-transition or 2026-final"),
        };
        var zoneClass = (int)(input.Number("class") ?? 2);
        if (zoneClass is not (1 or 2))
        {
            throw new CalcInputException("\"class\" is not 1 or 2");
        }

        var daily = new CalcInput(input.Object("daily") ?? throw new CalcInputException("\"daily\" is required"));
        var result = new JsonObject();
        var all = true;
        foreach (var (key, _) in daily.Json)
        {
            // O3 is evaluated on its daily MDA8 values, which may be given as O3_8h.
            var pollutant = key == "O3_8h" ? "O3" : key;
            if (!AirEvaluation.Pollutants.Contains(pollutant))
            {
                throw new CalcInputException($"\"daily.{key}\" is not one of {string.Join(", ", AirEvaluation.Pollutants)} (O3_8h for the O3 MDA8)");
            }

            var values = daily.Numbers(key).OfType<decimal>().ToList();
            if (values.Count == 0)
            {
                throw new CalcInputException($"\"daily.{key}\" has no values");
            }

            var e = AirEvaluation.Evaluate(pollutant, values, limits, zoneClass);
            all &= e.Compliant;
            var entry = new JsonObject { ["n_days"] = e.Days };
            if (e.Mean is not null)
            {
                entry["annual_mean"] = e.Mean;
                entry["annual_mean_raw"] = (double)e.MeanRaw!.Value;
            }

            entry["percentile"] = e.Percentile;
            entry["percentile_value"] = e.PercentileValue;
            entry["percentile_raw"] = (double)e.PercentileRaw;
            entry["limit_year"] = e.YearLimit;
            entry[pollutant == "O3" ? "limit_8h" : "limit_24h"] = e.DailyLimit;
            entry["compliant"] = e.Compliant;
            result[pollutant] = entry;
        }

        result["compliant_all"] = all;
        return result;
    }

    public static JsonObject Composite(CalcInput input)
    {
        var weights = input.Text("weights") ?? "equal";
        if (!AirEvaluation.WeightSets.TryGetValue(weights, out var weightSet))
        {
            throw new CalcInputException($"\"weights\" \"{weights}\" is not one of {string.Join(", ", AirEvaluation.WeightSets.Keys)}");
        }

        var concentrations = AirEvaluation.Pollutants
            .ToDictionary(p => p, p => input.Number(p) ?? throw new CalcInputException($"\"{p}\" is required"), StringComparer.Ordinal);
        var index = AirEvaluation.Composite(concentrations, weightSet);
        return new JsonObject
        {
            ["index"] = index.Index,
            ["index_raw"] = (double)index.IndexRaw,
            ["single_indices"] = Object(index.SingleIndices.Select(s => (s.Key, (JsonNode?)s.Value))),
            ["single_indices_raw"] = Object(index.SingleIndicesRaw.Select(s => (s.Key, (JsonNode?)(double)s.Value))),
            ["max_single_index_pollutant"] = new JsonArray([.. index.Largest.Select(p => (JsonNode)p)]),
            ["weights"] = Object(index.Weights.Select(w => (w.Key, (JsonNode?)w.Value))),
            ["limits"] = new JsonObject { ["SO2"] = 60, ["NO2"] = 40, ["PM10"] = 70, ["PM2.5"] = 35, ["CO"] = 4, ["O3"] = 160 },
        };
    }

    public static JsonObject Epa(CalcInput input)
    {
        var subIndices = new JsonObject();
        var details = new JsonObject();
        var values = new List<(string Item, int Aqi)>();
        foreach (var item in EpaAqi.Items)
        {
            if (input.Number(item) is not { } concentration)
            {
                continue;
            }

            if (EpaAqi.SubIndex(item, concentration) is { } sub)
            {
                values.Add((item, sub.Aqi));
                subIndices[item] = sub.Aqi;
                details[item] = new JsonObject { ["aqi"] = sub.Aqi, ["truncated"] = sub.Truncated, ["raw"] = (double)sub.Raw, ["rule"] = sub.Rule };
            }
            else
            {
                details[item] = new JsonObject { ["aqi"] = null, ["rule"] = "outside_table" };
            }
        }

        if (values.Count == 0)
        {
            return new JsonObject { ["aqi"] = null, ["sub_indices"] = subIndices, ["details"] = details, ["responsible"] = new JsonArray(), ["category"] = null };
        }

        var aqi = values.Max(v => v.Aqi);
        var (category, rgb, hex) = EpaAqi.Category(aqi);
        return new JsonObject
        {
            ["aqi"] = aqi,
            ["sub_indices"] = subIndices,
            ["details"] = details,
            ["responsible"] = new JsonArray([.. values.Where(v => v.Aqi == aqi).Select(v => (JsonNode)v.Item)]),
            ["category"] = new JsonObject { ["category"] = category, ["rgb"] = new JsonArray([.. rgb.Select(b => (JsonNode)(int)b)]), ["rgb_hex"] = hex },
        };
    }

    internal static JsonObject Object(IEnumerable<(string Key, JsonNode? Value)> entries)
    {
        var result = new JsonObject();
        foreach (var (key, value) in entries)
        {
            result[key] = value;
        }

        return result;
    }
}
