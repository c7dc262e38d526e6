using System.Globalization;
using System.Text;
using System.Text.Json;
using Envmon.Monitoring.Parameters;
using Envmon.Monitoring.Stations;

namespace Envmon.Monitoring.Quality;

/// <summary>Reads one rule of a <see cref="QcConfiguration"/>, collecting every problem with the rule's id in it.</summary>
internal sealed class RuleReader(JsonElement element, int index, List<string> errors)
{
    private string _name = $"rule #{index + 1}";

    public QcRule? Read()
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Error("is not an object");
        }

        var id = String(element, "id");
        if (id is null or "")
        {
            return Error("has no \"id\"");
        }

        _name = $"rule \"{id}\"";
        var test = String(element, "test");
        var version = element.TryGetProperty("version", out var v) && v.TryGetInt32(out var n) && n >= 1 ? n : 0;
        if (version == 0)
        {
            return Error("needs \"version\", a whole number ≥ 1");
        }

        var parameters = element.TryGetProperty("params", out var p) ? p : default;
        if (parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined))
        {
            return Error("\"params\" must be an object");
        }

        var scope = ReadScope(element.TryGetProperty("scope", out var s) ? s : default);
        var hash = QcConfiguration.HashText(Canonical(parameters));
        var before = errors.Count;
        QcRule? rule = test switch
        {
            "range" => new RangeRule { Id = id, Version = version, Hash = hash, Scope = scope, Fail = Span(parameters, "fail", required: true), Suspect = Span(parameters, "suspect", required: false) },
            "climatology" => new ClimatologyRule { Id = id, Version = version, Hash = hash, Scope = scope, Windows = Windows(parameters) },
            "spike" => new SpikeRule
            {
                Id = id,
                Version = version,
                Hash = hash,
                Scope = scope,
                Suspect = Number(parameters, "suspect"),
                Fail = Number(parameters, "fail"),
                Differential = (String(parameters, "method") ?? "average") switch { "average" => false, "differential" => true, var m => Invalid($"\"method\" \"{m}\" is not average or differential") },
            },
            "rate" => new RateRule { Id = id, Version = version, Hash = hash, Scope = scope, Suspect = Number(parameters, "suspect"), Fail = Number(parameters, "fail") },
            "flat-line" => FlatLine(id, version, hash, scope, parameters),
            "attenuated" => new AttenuatedRule
            {
                Id = id,
                Version = version,
                Hash = hash,
                Scope = scope,
                Window = Count(parameters, "window", 2),
                MinCount = Count(parameters, "minCount", 2),
                Suspect = Number(parameters, "suspect"),
                Fail = Number(parameters, "fail"),
            },
            "station-flag" => new StationFlagRule { Id = id, Version = version, Hash = hash, Scope = scope, Flags = Flags(parameters) },
            "time" => new TimeRule
            {
                Id = id,
                Version = version,
                Hash = hash,
                Scope = scope,
                Future = TimeSpan.FromMinutes(Number(parameters, "futureMinutes")),
                Skew = TimeSpan.FromMinutes(Number(parameters, "skewMinutes")),
            },
            "consistency" => new ConsistencyRule { Id = id, Version = version, Hash = hash, Scope = scope, Pairs = Pairs(parameters) },
            "neighbour" => new NeighbourRule
            {
                Id = id,
                Version = version,
                Hash = hash,
                Scope = scope,
                RadiusKm = Number(parameters, "radiusKm"),
                MaxNeighbours = Count(parameters, "maxNeighbours", 1),
                MinNeighbours = Count(parameters, "minNeighbours", 2),
                Suspect = Number(parameters, "suspect"),
                Fail = parameters.TryGetProperty("fail", out _) ? Number(parameters, "fail") : null,
                AbsoluteFloor = Number(parameters, "absoluteFloor"),
                RelativeFloor = Number(parameters, "relativeFloor"),
                NeighbourNetworks = Networks(parameters, "networks"),
            },
            _ => Error($"\"test\" \"{test}\" is not one of range, climatology, spike, rate, flat-line, attenuated, station-flag, time, consistency, neighbour"),
        };
        return errors.Count > before ? null : rule;
    }

    private FlatLineRule FlatLine(string id, int version, string hash, QcScope scope, JsonElement parameters)
    {
        var rule = new FlatLineRule
        {
            Id = id,
            Version = version,
            Hash = hash,
            Scope = scope,
            Tolerance = Number(parameters, "tolerance"),
            Suspect = Count(parameters, "suspect", 2),
            Fail = Count(parameters, "fail", 2),
            Above = parameters.TryGetProperty("above", out _) ? Number(parameters, "above") : double.NegativeInfinity,
        };
        if (rule.Fail < rule.Suspect)
        {
            Error("\"fail\" must be at least \"suspect\"");
        }

        return rule;
    }

    private QcScope ReadScope(JsonElement scope)
    {
        if (scope.ValueKind == JsonValueKind.Undefined)
        {
            return QcScope.All;
        }

        if (scope.ValueKind != JsonValueKind.Object)
        {
            Error("\"scope\" must be an object");
            return QcScope.All;
        }

        foreach (var property in scope.EnumerateObject().Where(p => p.Name is not ("networks" or "stations" or "parameters" or "cadences" or "months")))
        {
            Error($"scope has an unknown field \"{property.Name}\"");
        }

        var parameters = Strings(scope, "parameters");
        foreach (var code in parameters.Where(c => ParameterCatalogue.Find(c) is null))
        {
            Error($"scope names an unknown parameter \"{code}\"");
        }

        var months = List(scope, "months", e => e.TryGetInt32(out var m) && m is >= 1 and <= 12 ? m : Invalid<int>("months must be 1–12"));
        var cadences = List(scope, "cadences", e => QcCadences.TryParse(e.GetString() ?? "", out var c) ? c : Invalid<QcCadence>($"cadence \"{e}\" is not minute, hour, four-hour or day"));
        return new QcScope { Networks = Networks(scope, "networks"), Stations = Strings(scope, "stations"), Parameters = parameters, Cadences = cadences, Months = months };
    }

    private List<Network> Networks(JsonElement parent, string name)
        => List(parent, name, e => Stations.Networks.TryParse(e.GetString() ?? "", out var network) ? network : Invalid<Network>($"network \"{e}\" is unknown"));

    private List<string> Strings(JsonElement parent, string name)
        => List(parent, name, e => e.ValueKind == JsonValueKind.String ? e.GetString()! : Invalid<string>($"\"{name}\" must list strings"));

    private List<T> List<T>(JsonElement parent, string name, Func<JsonElement, T> read)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var list))
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            Error($"\"{name}\" must be an array");
            return [];
        }

        return [.. list.EnumerateArray().Select(read)];
    }

    private List<(IReadOnlyList<int> Months, QcSpan Fail, QcSpan Suspect)> Windows(JsonElement parameters)
    {
        var windows = List(parameters, "windows", w => ((IReadOnlyList<int>)List(w, "months", e => e.TryGetInt32(out var m) && m is >= 1 and <= 12 ? m : Invalid<int>("months must be 1–12")),
            Span(w, "fail", required: false), Span(w, "suspect", required: false)));
        if (windows.Count == 0)
        {
            Error("climatology needs \"windows\": [{\"months\": [...], \"suspect\": [min, max], \"fail\": [min, max]}]");
        }

        return windows;
    }

    private Dictionary<string, (QcLevel, string)> Flags(JsonElement parameters)
    {
        var flags = new Dictionary<string, (QcLevel, string)>(StringComparer.Ordinal);
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty("flags", out var map) || map.ValueKind != JsonValueKind.Object)
        {
            Error("station-flag needs \"flags\": {\"F\": {\"level\": \"fail\", \"reason\": \"station-stopped\"}, …}");
            return flags;
        }

        foreach (var property in map.EnumerateObject())
        {
            var level = String(property.Value, "level") switch
            {
                "pass" => QcLevel.Pass,
                "suspect" => QcLevel.Suspect,
                "fail" => QcLevel.Fail,
                var l => Invalid<QcLevel>($"flag {property.Name}: level \"{l}\" is not pass, suspect or fail"),
            };
            flags[property.Name] = (level, Reason(property.Value, level != QcLevel.Pass));
        }

        return flags;
    }

    private List<ConsistencyPair> Pairs(JsonElement parameters)
    {
        var pairs = List(parameters, "pairs", p => new ConsistencyPair(Parameter(p, "smaller"), Parameter(p, "larger"), Number(p, "absolute"), Number(p, "relative"), Reason(p, true)));
        if (pairs.Count == 0)
        {
            Error("consistency needs \"pairs\": [{\"smaller\", \"larger\", \"absolute\", \"relative\", \"reason\"}]");
        }

        return pairs;
    }

    private string Parameter(JsonElement parent, string name)
    {
        var code = String(parent, name) ?? "";
        return ParameterCatalogue.Find(code) is null ? Invalid<string>($"\"{name}\" \"{code}\" is not a known parameter") : code;
    }

    private string Reason(JsonElement parent, bool required)
    {
        var code = String(parent, "reason");
        if (code is null && !required)
        {
            return "";
        }

        return code is not null && QcReasons.Find(code) is not null ? code : Invalid<string>($"reason \"{code}\" is not in the catalogue");
    }

    private QcSpan Span(JsonElement parent, string name, bool required)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var span))
        {
            return required ? Invalid<QcSpan>($"needs \"{name}\": [min, max]") : QcSpan.Any;
        }

        if (span.ValueKind != JsonValueKind.Array || span.GetArrayLength() != 2)
        {
            return Invalid<QcSpan>($"\"{name}\" must be [min, max] (null for no limit)");
        }

        var min = span[0].ValueKind == JsonValueKind.Null ? double.NegativeInfinity : span[0].TryGetDouble(out var a) ? a : double.NaN;
        var max = span[1].ValueKind == JsonValueKind.Null ? double.PositiveInfinity : span[1].TryGetDouble(out var b) ? b : double.NaN;
        return min <= max ? new QcSpan(min, max) : Invalid<QcSpan>($"\"{name}\" must be [min, max] numbers with min ≤ max");
    }

    private double Number(JsonElement parent, string name)
        => parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.TryGetDouble(out var number) && double.IsFinite(number) && number >= 0
            ? number
            : Invalid<double>($"needs \"{name}\", a number ≥ 0");

    private int Count(JsonElement parent, string name, int least)
        => parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.TryGetInt32(out var count) && count >= least
            ? count
            : Invalid<int>($"needs \"{name}\", a whole number ≥ {least}");

    private static string? String(JsonElement parent, string name)
        => parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private T Invalid<T>(string message)
    {
        Error(message);
        return default!;
    }

    private bool Invalid(string message) => Invalid<bool>(message);

    private QcRule? Error(string message)
    {
        errors.Add($"{_name} {message}");
        return null;
    }

    // The parameters as canonical JSON: object keys sorted, no white space, numbers as their shortest round-trip
    // form, so that the hash changes with the thresholds and not with the layout of the file.
    private static string Canonical(JsonElement element)
    {
        var text = new StringBuilder();
        Write(element, text);
        return text.ToString();
    }

    // A JSON string as JsonSerializer writes one with its default encoder, without its reflection (so it stays
    // trim- and AOT-safe): the canonical text, and so the configuration's hash, is unchanged.
    private static StringBuilder AppendString(StringBuilder text, string value)
        => text.Append('"').Append(JsonEncodedText.Encode(value).Value).Append('"');

    private static void Write(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    AppendString(text.Append(first ? "" : ","), property.Name).Append(':');
                    Write(property.Value, text);
                    first = false;
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    text.Append(index++ == 0 ? "" : ",");
                    Write(item, text);
                }

                text.Append(']');
                break;
            case JsonValueKind.Number:
                text.Append(element.GetDouble().ToString("R", CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.String:
                AppendString(text, element.GetString()!);
                break;
            case JsonValueKind.Undefined:
                text.Append("{}");
                break;
            default:
                text.Append(element.GetRawText());
                break;
        }
    }
}
