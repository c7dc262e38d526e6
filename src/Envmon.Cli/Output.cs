using System.Text;

namespace Envmon.Cli;

/// <summary>Where a command's result goes: a file, or standard output.</summary>
internal static class Output
{
    public static async Task WriteAsync(CliConsole console, FileInfo? file, string text, CancellationToken cancellation)
    {
        if (file is not null)
        {
            await File.WriteAllTextAsync(file.FullName, text, new UTF8Encoding(false), cancellation).ConfigureAwait(false);
            return;
        }

        await console.Output.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellation).ConfigureAwait(false);
        await console.Output.FlushAsync(cancellation).ConfigureAwait(false);
    }
}
