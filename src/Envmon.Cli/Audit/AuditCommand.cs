using System.CommandLine;
using System.Text;
using System.Text.Json;
using Envmon.Server;
using Envmon.Server.Audit;

namespace Envmon.Cli.Audit;

/// <summary><c>envmon audit export</c>: the audit log as JSON lines, with every hashed field and the chain hash, for an outside auditor.</summary>
internal static class AuditCommand
{
    public static Command Create(CliConsole console) => new("audit", "The tamper-evident audit log.") { Export(console) };

    private static Command Export(CliConsole console)
    {
        var data = DataDirectory.Option();
        var output = new Option<FileInfo?>("--output") { Description = "Where to write the JSON lines; standard output when absent." };
        var command = new Command("export", "Write the audit log as JSON lines (docs/quality.md says how to check the chain).") { data, output };
        command.SetAction(async (parse, cancellation) =>
        {
            AuditView[]? entries = null;
            var exit = await DataDirectory.RunAsync(parse.GetValue(data)!, console, async http =>
            {
                using var response = await http.GetAsync(new Uri("api/v1/audit", UriKind.Relative), cancellation).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return await ApiCall.PrintAsync(console, response, cancellation).ConfigureAwait(false);
                }

                entries = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false), ServerJson.Default.AuditViewArray);
                return 0;
            }, store =>
            {
                entries = [.. store.AuditLog().Select(AuditView.Of)];
                return Task.FromResult(0);
            }).ConfigureAwait(false);
            if (exit != 0)
            {
                return exit;
            }

            var lines = new StringBuilder();
            foreach (var entry in entries!)
            {
                lines.Append(JsonSerializer.Serialize(entry, ServerJson.Default.AuditView)).Append('\n');
            }

            await Output.WriteAsync(console, parse.GetValue(output), lines.ToString(), cancellation).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
