namespace Envmon.Cli;

/// <summary>The streams a command reads and writes: the process's own, or a test's.</summary>
/// <param name="Input">Standard input, as bytes.</param>
/// <param name="Output">Standard output, as bytes.</param>
/// <param name="Error">Standard error, as text.</param>
internal sealed record CliConsole(Stream Input, Stream Output, TextWriter Error)
{
    public static CliConsole Standard => new(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error);
}
