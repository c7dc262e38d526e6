using System.CommandLine;
using System.Net.Http.Json;
using Envmon.Server;
using Envmon.Storage.Archive;

namespace Envmon.Cli.Verify;

/// <summary><c>envmon verify</c>: recompute the hash chains of the raw archive and of the audit log; non-zero exit on any break.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var data = DataDirectory.Option();
        var command = new Command("verify", "Check the hash chains of the raw archive and the audit log, and name the first bad record.") { data };
        command.SetAction(async (parse, cancellation) => await DataDirectory.RunAsync(parse.GetValue(data)!, console, async http =>
        {
            async Task<ArchiveVerification> VerifyAsync(string path)
            {
                using var response = await http.PostAsync(new Uri(path, UriKind.Relative), null, cancellation).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync(ServerJson.Default.ArchiveVerification, cancellation).ConfigureAwait(false))!;
            }

            return await ReportAsync(console, await VerifyAsync("api/v1/archive/verify").ConfigureAwait(false), await VerifyAsync("api/v1/audit/verify").ConfigureAwait(false))
                .ConfigureAwait(false);
        }, store => ReportAsync(console, store.VerifyArchive(), store.VerifyAudit())).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> ReportAsync(CliConsole console, ArchiveVerification archive, ArchiveVerification audit)
    {
        var broken = false;
        foreach (var (name, verification) in new[] { ("archive", archive), ("audit log", audit) })
        {
            if (verification.Intact)
            {
                await console.Error.WriteLineAsync($"{name} intact: {verification.Records} records, chain verified").ConfigureAwait(false);
                continue;
            }

            broken = true;
            await console.Error.WriteLineAsync($"{name} BROKEN at record {verification.FirstBad}: {verification.Problem}").ConfigureAwait(false);
        }

        return broken ? 1 : 0;
    }
}
