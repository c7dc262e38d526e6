using System.CommandLine;
using Envmon.Cli.Hj212;

namespace Envmon.Cli;

/// <summary>The <c>envmon</c> command tree.</summary>
internal static class EnvmonCli
{
    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var root = new RootCommand("Envmon: eco-environment monitoring data platform (HJ 212 gateway, store, indicators).")
        {
            Hj212Command.Create(console),
        };
        var configuration = new InvocationConfiguration { Output = new StreamWriter(console.Output) { AutoFlush = true }, Error = console.Error };
        return await root.Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
    }
}
