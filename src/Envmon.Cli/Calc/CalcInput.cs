using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Envmon.Monitoring.Indicators;

namespace Envmon.Cli.Calc;

/// <summary>Bad input to <c>envmon calc</c>: names the key at fault.</summary>
internal sealed class CalcInputException(string message) : Exception(message);

/// <summary>Reading the input object of <c>envmon calc</c>: numbers as exact decimals, null or absent = not measured.</summary>
internal sealed class CalcInput(JsonObject json)
{
    public JsonObject Json => json;

    public static CalcInput Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject json ? new CalcInput(json) : throw new CalcInputException("the input is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new CalcInputException($"malformed JSON: {e.Message}");
        }
    }

    public bool Has(string key) => json[key] is not null;

    /// <summary>A number, or null when absent or null; a concentration must not be negative.</summary>
    public decimal? Number(string key, bool concentration = true) => Number(json[key], key, concentration);

    public static decimal? Number(JsonNode? node, string key, bool concentration = true)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            throw new CalcInputException($"\"{key}\" is not a number");
        }

        var number = decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return concentration && number < 0 ? throw new CalcInputException($"\"{key}\" is negative") : number;
    }

    public decimal RequiredNumber(string key, bool concentration = true)
        => Number(key, concentration) ?? throw new CalcInputException($"\"{key}\" is required");

    public string? Text(string key)
        => json[key] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw new CalcInputException($"\"{key}\" is not a string"),
        };

    public bool? Bool(string key)
        => json[key] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw new CalcInputException($"\"{key}\" is not true or false"),
        };

    public JsonObject? Object(string key)
        => json[key] switch
        {
            null => null,
            JsonObject o => o,
            _ => throw new CalcInputException($"\"{key}\" is not an object"),
        };

    public JsonArray? Array(string key)
        => json[key] switch
        {
            null => null,
            JsonArray a => a,
            _ => throw new CalcInputException($"\"{key}\" is not a list"),
        };

    /// <summary>A list of numbers (nulls kept as null).</summary>
    public List<decimal?> Numbers(string key, bool concentration = true)
        => (Array(key) ?? throw new CalcInputException($"\"{key}\" is required")).Select((n, i) => Number(n, $"{key}[{i}]", concentration)).ToList();

    /// <summary><c>version</c> when given, else the rules in force on <c>date</c>, else today's.</summary>
    public AirRules Rules()
    {
        if (Text("version") is { } version)
        {
            return AirRuleSets.TryParse(version, out var rules) ? rules : throw new CalcInputException($"\"version\" \"{version}\" is not 2012 or 2026");
        }

        if (Text("date") is { } date)
        {
            return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? AirRuleSets.ForDate(day)
                : throw new CalcInputException($"\"date\" \"{date}\" is not an ISO date");
        }

        return AirRuleSets.ForDate(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)));
    }
}
