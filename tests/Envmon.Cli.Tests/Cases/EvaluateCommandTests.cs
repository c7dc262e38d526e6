using System.Globalization;
using System.Text.RegularExpressions;
using Envmon.Cli.Tests.Support;

namespace Envmon.Cli.Tests.Cases;

/// <summary>
/// The interference detectors measured on a simulated fleet with injected episodes (a smaller run than the closing
/// note's 500 stations × 30 days, same code): the issue's goals hold, and the ground-truth log is written.
/// </summary>
public sealed partial class EvaluateCommandTests
{
    [GeneratedRegex(@"^\s+(?<name>[a-z-]+)\s+(?<n>\d+) / (?<d>\d+)\s+=", RegexOptions.Multiline)]
    private static partial Regex RatioLine();

    [GeneratedRegex(@"false cases: \d+ = (?<rate>[0-9.]+) per 100 station-days")]
    private static partial Regex FalseLine();

    [Fact]
    public async Task DropsAreFoundNineTimesInTenAndFalseCasesStayUnderOneInAHundredStationDays()
    {
        var log = Path.GetTempFileName();
        try
        {
            var result = await CliRunner.RunAsync("cases", "evaluate", "--stations", "200", "--days", "21", "--seed", "11", "--episodes", log);
            Assert.Equal(0, result.ExitCode);
            var recall = RatioLine().Matches(result.Text[..result.Text.IndexOf("precision", StringComparison.Ordinal)])
                .ToDictionary(m => m.Groups["name"].Value, m => (N: int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), D: int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture)));
            Assert.True(recall["drop"].D >= 10, result.Text);
            Assert.True(recall["drop"].N >= 0.9 * recall["drop"].D, result.Text);
            Assert.All(new[] { "covered-inlet", "copied-day", "substituted" }, kind => Assert.True(recall[kind].N >= 0.9 * recall[kind].D, result.Text));
            Assert.True(double.Parse(FalseLine().Match(result.Text).Groups["rate"].Value, CultureInfo.InvariantCulture) < 1, result.Text);
            var episodes = await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken);
            Assert.Equal("mn,kind,from,to,detail", episodes[0]);
            Assert.Equal(recall.Values.Sum(r => r.D), episodes.Length - 1);
        }
        finally
        {
            File.Delete(log);
        }
    }
}
