using Envmon.Cli;

return await EnvmonCli.RunAsync(args, CliConsole.Standard).ConfigureAwait(false);
