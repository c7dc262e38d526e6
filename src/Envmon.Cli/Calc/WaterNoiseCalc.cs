using System.Text.Json.Nodes;
using Envmon.Monitoring.Indicators.Noise;
using Envmon.Monitoring.Indicators.Water;
using Envmon.Monitoring.Stations;

namespace Envmon.Cli.Calc;

/// <summary><c>envmon calc</c> commands for surface water (GB 3838) and noise (GB 3096, HJ 640).</summary>
internal static class WaterNoiseCalc
{
    public static JsonObject WaterClass(CalcInput input)
    {
        var waterbody = input.Text("waterbody") ?? "river";
        var lake = waterbody switch
        {
            "river" => false,
            "lake" or "reservoir" => true,
            _ => throw new CalcInputException($"\"waterbody\" \"{waterbody}\" is not river, lake or reservoir"),
        };
        var target = input.Text("target_class") is { } label
            ? Enumerable.Range(1, 6).FirstOrDefault(c => WaterQuality.Label(c) == label) is var t && t > 0 ? t : throw new CalcInputException($"\"target_class\" \"{label}\" is not I–V")
            : 3;
        var items = new CalcInput(input.Object("items") ?? throw new CalcInputException("\"items\" is required"));
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, _) in items.Json)
        {
            if (!WaterQuality.IsKnown(name))
            {
                throw new CalcInputException($"\"items.{name}\" is not a known water item");
            }

            if (items.Number(name) is { } value)
            {
                values[name] = value;
            }
        }

        var result = WaterQuality.Classify(values, lake, input.Bool("include_tn") ?? false, target);
        return new JsonObject
        {
            ["class"] = result.Class,
            ["class_label"] = result.Class is { } c ? WaterQuality.Label(c) : null,
            ["status"] = result.Class is { } s ? WaterQuality.Status(s) : null,
            ["waterbody"] = waterbody,
            ["per_item"] = EvaluationCalc.Object(result.PerItem.Select(p => (p.Key, (JsonNode?)WaterQuality.Label(p.Value)))),
            ["per_item_number"] = EvaluationCalc.Object(result.PerItem.Select(p => (p.Key, (JsonNode?)p.Value))),
            ["evaluated"] = new JsonArray([.. result.PerItem.Keys.Select(k => (JsonNode)k)]),
            ["deciding_items"] = new JsonArray([.. result.Deciding.Select(k => (JsonNode)k)]),
            ["exceeding_target"] = EvaluationCalc.Object(result.Exceeding.Select(e => (e.Key, (JsonNode?)e.Value))),
            ["target_class"] = WaterQuality.Label(result.TargetClass),
            ["ignored"] = new JsonArray([.. result.Ignored.Select(k => (JsonNode)k)]),
            ["meets_target"] = result.MeetsTarget,
        };
    }

    public static JsonObject Noise(CalcInput input)
    {
        var zoneName = input.Text("zone") ?? throw new CalcInputException("\"zone\" is required");
        if (!NoiseZones.TryParse(zoneName, out var zone))
        {
            throw new CalcInputException($"\"zone\" \"{zoneName}\" is not 0, 1, 2, 3, 4a or 4b");
        }

        var hours = input.Numbers("hourly_leq");
        if (hours.Count != 24)
        {
            throw new CalcInputException("\"hourly_leq\" must have 24 values, one per hour");
        }

        var day = NoiseLevels.Day([.. hours.Select(h => h is { } v ? (double?)(double)v : null)], zone, (double?)input.Number("night_lmax"));
        var result = new JsonObject
        {
            ["Ld"] = Level(day.Ld),
            ["Ln"] = Level(day.Ln),
            ["Ldn"] = Level(day.Ldn),
            ["Ld_raw"] = day.Ld,
            ["Ln_raw"] = day.Ln,
            ["Ldn_raw"] = day.Ldn,
            ["day_hours_valid"] = day.DayHours,
            ["night_hours_valid"] = day.NightHours,
            ["zone"] = zone.Name(),
            ["limit_day"] = day.DayLimit,
            ["limit_night"] = day.NightLimit,
            ["day_compliant"] = day.DayCompliant,
            ["night_compliant"] = day.NightCompliant,
            ["day_exceedance"] = day.DayExceedance,
            ["night_exceedance"] = day.NightExceedance,
        };
        if (day.NightMaxCompliant is { } nightMax)
        {
            result["night_max_compliant"] = nightMax;
        }

        result["compliant"] = day.Compliant;
        return result;
    }

    public static JsonObject Percentiles(CalcInput input)
    {
        var samples = input.Numbers("samples");
        if (samples.Count == 0 || samples.Any(s => s is null))
        {
            throw new CalcInputException("\"samples\" must be a non-empty list of levels");
        }

        var (l10, l50, l90, leq, approx) = NoiseLevels.Statistical([.. samples.Select(s => (double)s!.Value)]);
        return new JsonObject
        {
            ["n"] = samples.Count,
            ["L10"] = l10,
            ["L50"] = l50,
            ["L90"] = l90,
            ["Leq"] = NoiseLevels.Report(leq),
            ["Leq_raw"] = leq,
            ["Leq_approx"] = NoiseLevels.Report(approx),
        };
    }

    public static JsonObject Grade(CalcInput input)
    {
        var road = input.Text("kind") switch
        {
            "area" => false,
            "road" => true,
            var other => throw new CalcInputException($"\"kind\" \"{other}\" is not area or road"),
        };
        var night = input.Text("period") switch
        {
            "day" => false,
            "night" => true,
            var other => throw new CalcInputException($"\"period\" \"{other}\" is not day or night"),
        };
        var grade = NoiseLevels.Grade(road, night, input.RequiredNumber("value"));
        return new JsonObject { ["grade"] = grade, ["grade_name"] = NoiseLevels.GradeName(grade) };
    }

    public static JsonObject RoadMean(CalcInput input)
    {
        var segments = (input.Array("segments") ?? throw new CalcInputException("\"segments\" is required")).Select((s, i) =>
            s is JsonArray { Count: 2 } pair
                ? (Length: CalcInput.Number(pair[0], $"segments[{i}][0]") ?? 0, Level: CalcInput.Number(pair[1], $"segments[{i}][1]") ?? 0)
                : throw new CalcInputException($"\"segments[{i}]\" is not [length, level]")).ToList();
        var total = segments.Sum(s => s.Length);
        if (total <= 0)
        {
            throw new CalcInputException("\"segments\" have no length");
        }

        var mean = segments.Sum(s => s.Length * s.Level) / total;
        return new JsonObject { ["mean"] = Monitoring.Indicators.Gbt8170.Round(mean, 1), ["mean_raw"] = (double)mean, ["total_length"] = total };
    }

    private static decimal? Level(double? level) => level is { } l ? NoiseLevels.Report(l) : null;
}
