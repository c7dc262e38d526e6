using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Envmon.Cli.Tests.Support;

/// <summary>
/// <c>envmon</c> run as a process of its own: the build output under <c>dotnet</c>, or the program that
/// <c>build/install.sh</c> installed (native code), which build/test.sh names in <c>ENVMON_INSTALLED</c>.
/// </summary>
public sealed class EnvmonProgram
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private readonly string _file;
    private readonly string[] _prefix;

    private EnvmonProgram(string file, params string[] prefix)
    {
        _file = file;
        _prefix = prefix;
    }

    /// <summary>The build output beside the tests, under the <c>dotnet</c> that runs them.</summary>
    public static EnvmonProgram BuildOutput { get; } =
        new(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.Combine(AppContext.BaseDirectory, "envmon.dll"));

    /// <summary>The installed program; the test is skipped, saying why, where none is named (build/test.sh always names one).</summary>
    public static EnvmonProgram Installed
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("ENVMON_INSTALLED");
            Assert.SkipWhen(string.IsNullOrEmpty(path), "ENVMON_INSTALLED names no installed envmon (build/test.sh installs one with build/install.sh and sets it)");
            return new EnvmonProgram(path!);
        }
    }

    /// <summary>Runs a command to its end with <paramref name="input"/> on standard input.</summary>
    public async Task<CliResult> RunAsync(byte[] input, params string[] args)
    {
        using var process = Process.Start(StartInfo(args, redirectInput: true))!;
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardInput.BaseStream.WriteAsync(input, TestContext.Current.CancellationToken);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await copy;
        return new CliResult(process.ExitCode, output.ToArray(), await error);
    }

    /// <summary>Runs a command to its end with nothing on standard input.</summary>
    public Task<CliResult> RunAsync(params string[] args) => RunAsync([], args);

    /// <summary>
    /// Starts <c>serve</c> or <c>demo</c> (<paramref name="args"/>) on <paramref name="data"/>, with both listeners on free
    /// loopback ports, and waits until it has written <c>server.json</c>.
    /// </summary>
    public async Task<RunningEnvmon> StartServerAsync(string data, params string[] args)
    {
        var info = Path.Combine(data, "server.json");
        File.Delete(info);
        var process = Process.Start(StartInfo([.. args, "--data", data, "--hj212-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"], redirectInput: false))!;
        var server = new RunningEnvmon(process);
        for (var i = 0; i < 600 && !File.Exists(info); i++)
        {
            if (process.HasExited)
            {
                server.Dispose();
                Assert.Fail($"envmon {string.Join(' ', args)} exited with {process.ExitCode} at start: {server.Errors}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(info, TestContext.Current.CancellationToken));
        server.Http = new Uri(json.RootElement.GetProperty("http").GetString()!);
        server.Hj212 = IPEndPoint.Parse(json.RootElement.GetProperty("hj212").GetString()!);
        server.Token = json.RootElement.GetProperty("token").GetString()!;
        return server;
    }

    private ProcessStartInfo StartInfo(IEnumerable<string> args, bool redirectInput)
    {
        var start = new ProcessStartInfo(_file)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in _prefix.Concat(args))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}

/// <summary>A running <c>envmon serve</c> or <c>demo</c>: where it listens, its local token, what it wrote to standard error.</summary>
public sealed class RunningEnvmon : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    internal RunningEnvmon(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The HTTP API's base address.</summary>
    public Uri Http { get; internal set; } = null!;

    /// <summary>The HJ 212 gateway.</summary>
    public IPEndPoint Hj212 { get; internal set; } = null!;

    /// <summary>The local administrator's token from <c>server.json</c>.</summary>
    public string Token { get; internal set; } = null!;

    /// <summary>What the server has written to standard error so far (its log).</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>A client of the API with the local token.</summary>
    public HttpClient Client() => new() { BaseAddress = Http, DefaultRequestHeaders = { Authorization = new("Bearer", Token) } };

    /// <summary>Sends SIGTERM (what systemd and Ctrl+C's neighbour <c>kill</c> send) and waits for the exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or power loss would stop it.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
