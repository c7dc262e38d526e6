using System.Text;

namespace Envmon.Cli.Tests.Support;

/// <summary>Runs <c>envmon</c> in process with the given standard input, capturing its output.</summary>
public static class CliRunner
{
    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", name);

    public static async Task<CliResult> RunAsync(byte[] input, params string[] args)
    {
        var output = new MemoryStream();
        var error = new StringWriter();
        var exitCode = await EnvmonCli.RunAsync(args, new CliConsole(new MemoryStream(input), output, error));
        return new CliResult(exitCode, output.ToArray(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync([], args);
}

public sealed record CliResult(int ExitCode, byte[] Output, string Error)
{
    public string Text => Encoding.UTF8.GetString(Output);

    public string[] Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
