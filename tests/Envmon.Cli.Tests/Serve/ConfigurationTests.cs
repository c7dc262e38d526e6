using Envmon.Cli.Tests.Support;

namespace Envmon.Cli.Tests.Serve;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("serve", "--http-listen", "localhost:8080", "Server:HttpListen: \"localhost:8080\" is not an IP address and a port")]
    [InlineData("serve", "--hj212-listen", "127.0.0.1", "Server:Hj212Listen: \"127.0.0.1\" is not an IP address and a port")]
    [InlineData("serve", "--max-connections-per-address", "0", "Gateway:MaxConnectionsPerAddress: The field Gateway.MaxConnectionsPerAddress must be between 1 and 1000000.")]
    [InlineData("demo", "--http-listen", "nonsense", "Server:HttpListen: \"nonsense\" is not an IP address and a port")]
    public async Task AnInvalidSettingStopsTheServerBeforeItStartsAndIsNamed(string command, string option, string value, string message)
    {
        var data = Directory.CreateTempSubdirectory("envmon-config-");
        try
        {
            var result = await CliRunner.RunAsync(command, "--data", data.FullName, option, value);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"envmon: configuration: {message}", result.Error, StringComparison.Ordinal);
            Assert.Empty(data.EnumerateFileSystemInfos());
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
