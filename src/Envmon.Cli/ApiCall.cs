using System.Text.Json;

namespace Envmon.Cli;

/// <summary>A command's call to the running server's API: its JSON answer goes to standard output, a problem's detail to standard error.</summary>
internal static class ApiCall
{
    /// <summary>Prints the answer; 0 on success, 1 when the server refused (its ProblemDetails <c>detail</c> is printed).</summary>
    public static async Task<int> PrintAsync(CliConsole console, HttpResponseMessage response, CancellationToken cancellation)
    {
        var body = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            await Output.WriteAsync(console, null, body + "\n", cancellation).ConfigureAwait(false);
            return 0;
        }

        string detail;
        try
        {
            using var problem = JsonDocument.Parse(body);
            detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            detail = body;
        }

        await console.Error.WriteLineAsync($"envmon: {(int)response.StatusCode} {detail}").ConfigureAwait(false);
        return 1;
    }

    /// <summary>Prints a result computed on the store directly, as the API would have answered.</summary>
    public static async Task<int> PrintAsync(CliConsole console, string json, CancellationToken cancellation)
    {
        await Output.WriteAsync(console, null, json + "\n", cancellation).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Reports an error of the command's own input; exit 2.</summary>
    public static async Task<int> FailAsync(CliConsole console, string message)
    {
        await console.Error.WriteLineAsync($"envmon: {message}").ConfigureAwait(false);
        return 2;
    }
}
