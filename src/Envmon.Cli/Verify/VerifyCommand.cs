using System.CommandLine;
using System.Net.Http.Json;
using Envmon.Server;
using Envmon.Storage.Archive;

namespace Envmon.Cli.Verify;

/// <summary><c>envmon verify</c>: recompute the raw archive's hash chain; non-zero exit on any break.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var data = DataDirectory.Option();
        var command = new Command("verify", "Check the raw archive's hash chain and name the first bad record.") { data };
        command.SetAction(async (parse, cancellation) => await DataDirectory.RunAsync(parse.GetValue(data)!, console, async http =>
        {
            using var response = await http.PostAsync(new Uri("api/v1/archive/verify", UriKind.Relative), null, cancellation).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return await ReportAsync(console, (await response.Content.ReadFromJsonAsync(ServerJson.Default.ArchiveVerification, cancellation).ConfigureAwait(false))!)
                .ConfigureAwait(false);
        }, store => ReportAsync(console, store.VerifyArchive())).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> ReportAsync(CliConsole console, ArchiveVerification verification)
    {
        if (verification.Intact)
        {
            await console.Error.WriteLineAsync($"archive intact: {verification.Records} records, chain verified").ConfigureAwait(false);
            return 0;
        }

        await console.Error.WriteLineAsync($"archive BROKEN at record {verification.FirstBad}: {verification.Problem}").ConfigureAwait(false);
        return 1;
    }
}
