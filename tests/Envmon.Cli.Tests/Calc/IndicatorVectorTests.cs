using System.Text.Json;
using System.Text.Json.Nodes;
using Envmon.Cli.Calc;
using Envmon.Cli.Tests.Support;

namespace Envmon.Cli.Tests.Calc;

/// <summary>
/// Every vector of ../shared/data/indicator-vectors.json (a copy in testdata/) whose command this build computes, run
/// through <c>envmon calc</c>: objects in <c>expected</c> match as subsets, lists exactly, numbers within 1e-9 (or
/// the vector's <c>tol</c>).
/// </summary>
public sealed class IndicatorVectorTests
{
    private static readonly JsonArray Vectors = (JsonArray)JsonNode.Parse(File.ReadAllText(CliRunner.TestData("indicator-vectors.json")))!["vectors"]!;

    public static TheoryData<string> Implemented()
        => new(Vectors.Select(v => v!["id"]!.GetValue<string>()).Where(id => CalcCommand.Names.Contains(Vector(id)["command"]!.GetValue<string>())));

    private static JsonNode Vector(string id) => Vectors.First(v => v!["id"]!.GetValue<string>() == id)!;

    [Theory]
    [MemberData(nameof(Implemented))]
    public async Task VectorPasses(string id)
    {
        var vector = Vector(id);
        var result = await CliRunner.RunAsync("calc", vector["command"]!.GetValue<string>(), vector["input"]!.ToJsonString());
        Assert.True(result.ExitCode == 0, result.Error);
        var tolerance = vector["tol"]?.GetValue<double>() ?? 1e-9;
        var problems = new List<string>();
        Match(vector["expected"], JsonNode.Parse(result.Text), "$", tolerance, problems);
        Assert.True(problems.Count == 0, $"{id}: {string.Join("; ", problems)}\n{result.Text}");
    }

    [Fact]
    public void EveryVectorOfTheFileIsRun()
        => Assert.Equal(145, Implemented().Count);

    private static void Match(JsonNode? expected, JsonNode? actual, string path, double tolerance, List<string> problems)
    {
        switch (expected)
        {
            case null:
                if (actual is not null)
                {
                    problems.Add($"{path}: expected null, got {actual.ToJsonString()}");
                }

                break;
            case JsonObject objectExpected:
                if (actual is not JsonObject objectActual)
                {
                    problems.Add($"{path}: expected an object, got {actual?.ToJsonString() ?? "null"}");
                    return;
                }

                foreach (var (key, value) in objectExpected)
                {
                    if (!objectActual.ContainsKey(key))
                    {
                        problems.Add($"{path}.{key}: missing");
                        continue;
                    }

                    Match(value, objectActual[key], $"{path}.{key}", tolerance, problems);
                }

                break;
            case JsonArray arrayExpected:
                if (actual is not JsonArray arrayActual || arrayActual.Count != arrayExpected.Count)
                {
                    problems.Add($"{path}: expected {arrayExpected.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                    return;
                }

                for (var i = 0; i < arrayExpected.Count; i++)
                {
                    Match(arrayExpected[i], arrayActual[i], $"{path}[{i}]", tolerance, problems);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                if (actual is not JsonValue number || number.GetValueKind() != JsonValueKind.Number
                    || Math.Abs(number.GetValue<double>() - value.GetValue<double>()) > tolerance)
                {
                    problems.Add($"{path}: expected {value.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    problems.Add($"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                }

                break;
        }
    }
}
