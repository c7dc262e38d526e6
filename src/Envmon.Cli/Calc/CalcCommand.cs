using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Envmon.Cli.Calc;

/// <summary>
/// <c>envmon calc COMMAND [JSON]</c>: the indicator engine as a JSON calculator (../shared/docs/calc-interface.md).
/// One JSON object on standard output and exit code 0; bad input gives exit code 2 and <c>{"error": "..."}</c> on
/// standard error, naming the key at fault.
/// </summary>
internal static class CalcCommand
{
    private static readonly Dictionary<string, Func<CalcInput, JsonObject>> Commands = new(StringComparer.Ordinal)
    {
        ["iaqi"] = AirCalc.Iaqi,
        ["aqi-hourly"] = AirCalc.Hourly,
        ["aqi-daily"] = AirCalc.Daily,
        ["city-hourly"] = AirCalc.CityHourly,
        ["category"] = AirCalc.Category,
        ["o3-8h"] = AirCalc.OzoneEightHour,
        ["validity"] = AirCalc.Validity,
        ["percentile"] = AirCalc.Percentile,
        ["round"] = AirCalc.Round,
        ["annual"] = EvaluationCalc.Annual,
        ["composite"] = EvaluationCalc.Composite,
        ["epa-aqi"] = EvaluationCalc.Epa,
        ["water-class"] = WaterNoiseCalc.WaterClass,
        ["noise"] = WaterNoiseCalc.Noise,
        ["noise-percentiles"] = WaterNoiseCalc.Percentiles,
        ["noise-grade"] = WaterNoiseCalc.Grade,
        ["road-noise-mean"] = WaterNoiseCalc.RoadMean,
    };

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The commands this build computes.</summary>
    public static IReadOnlyCollection<string> Names => Commands.Keys;

    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("command") { Description = "What to compute: " + string.Join(", ", Commands.Keys) + "." };
        var json = new Argument<string?>("json") { Description = "The input object (JSON); read from standard input when absent.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("calc", "Compute an indicator (AQI, evaluation, water class, noise, US EPA AQI…) from JSON, as the server does.") { name, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var text = parse.GetValue(json);
            if (text is null)
            {
                using var reader = new StreamReader(console.Input, Encoding.UTF8, leaveOpen: true);
                text = await reader.ReadToEndAsync(cancellation).ConfigureAwait(false);
            }

            try
            {
                var compute = Commands.GetValueOrDefault(parse.GetValue(name)!)
                    ?? throw new CalcInputException($"unknown command \"{parse.GetValue(name)}\" (one of: {string.Join(", ", Commands.Keys)})");
                var result = compute(CalcInput.Parse(text));
                await Output.WriteAsync(console, null, result.ToJsonString(Compact) + "\n", cancellation).ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is CalcInputException or ArgumentException)
            {
                await console.Error.WriteLineAsync(new JsonObject { ["error"] = e.Message }.ToJsonString(Compact)).ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }
}
