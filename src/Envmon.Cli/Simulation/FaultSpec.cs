using System.Globalization;

namespace Envmon.Cli.Simulation;

/// <summary>
/// Which faults the simulator injects, as <c>kind=probability</c> pairs per upload, comma-separated:
/// <c>badcrc</c> (a wrong checksum), <c>garbage</c> (random bytes before the frame), <c>duplicate</c> (the frame twice),
/// <c>disconnect</c> (the socket closed after sending), <c>gap</c> (the upload skipped: a data gap), and the
/// interference episodes of an air station: <c>drop</c> (pollutants halved for two hours), <c>cover</c> (a covered
/// inlet: PM at 5 % for four hours), <c>flat</c> (PM2.5 held for six hours), <c>copy</c> (a day copied from the day
/// before), <c>substitute</c> (the PM10 channel carrying SO2 × 8 for a day). Each injection is logged as ground truth.
/// Example: <c>badcrc=0.01,gap=0.005,drop=0.001</c>.
/// </summary>
internal sealed record FaultSpec(IReadOnlyDictionary<string, double> Probabilities)
{
    public static readonly IReadOnlyList<string> Kinds = ["badcrc", "garbage", "duplicate", "disconnect", "gap", "drop", "cover", "flat", "copy", "substitute"];

    public static FaultSpec None { get; } = new(new Dictionary<string, double>());

    public static bool TryParse(string? text, out FaultSpec spec, out string? error)
    {
        spec = None;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var probabilities = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || !Kinds.Contains(pair[0])
                || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || p is < 0 or > 1)
            {
                error = $"fault \"{part}\" is not kind=probability with kind one of {string.Join(", ", Kinds)} and probability 0..1";
                return false;
            }

            probabilities[pair[0]] = p;
        }

        spec = new FaultSpec(probabilities);
        return true;
    }

    public bool Happens(string kind, Random random) => Probabilities.TryGetValue(kind, out var p) && random.NextDouble() < p;
}
