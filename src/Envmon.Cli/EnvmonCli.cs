using System.CommandLine;
using Envmon.Cli.Demo;
using Envmon.Cli.Hj212;
using Envmon.Cli.Readings;
using Envmon.Cli.Serve;
using Envmon.Cli.Simulation;
using Envmon.Cli.Stations;
using Envmon.Cli.Verify;

namespace Envmon.Cli;

/// <summary>The <c>envmon</c> command tree.</summary>
internal static class EnvmonCli
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellation = default)
    {
        var root = new RootCommand("Envmon: eco-environment monitoring data platform (HJ 212 gateway, store, indicators).")
        {
            DemoCommand.Create(console),
            ServeCommand.Create(console),
            SimulateCommand.Create(console),
            StationsCommand.Create(console),
            ReadingsCommand.Create(console),
            VerifyCommand.Create(console),
            Hj212Command.Create(console),
            Calc.CalcCommand.Create(console),
            Report.ReportCommand.Create(console),
            Quality.QcCommand.Create(console),
            Audit.AuditCommand.Create(console),
            Users.UsersCommand.Create(console),
            Review.ReviewCommand.Create(console),
            Cases.CasesCommand.Create(console),
            Statistics.StatsCommand.Create(console),
        };
        var configuration = new InvocationConfiguration { Output = new StreamWriter(console.Output) { AutoFlush = true }, Error = console.Error };
        return await root.Parse(args).InvokeAsync(configuration, cancellation).ConfigureAwait(false);
    }
}
