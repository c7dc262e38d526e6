using System.Text.Json;
using DuckDB.NET.Data;
using Envmon.Cli.Tests.Support;

namespace Envmon.Cli.Tests.Audit;

/// <summary>Users, the QC configuration and the audit log on a stopped store: every change is recorded, exported and verified.</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("envmon-audit-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task UsersAndConfigurationChangesAreAuditedExportedAndAnEditIsCaught()
    {
        var added = await CliRunner.RunAsync(System.Text.Encoding.UTF8.GetBytes("a-long-enough-password\n"), "users", "add", "张伟", "--role", "city-reviewer", "--city", "410100",
            "--password-stdin", "--data", _data);
        Assert.Equal(0, added.ExitCode);
        Assert.StartsWith("em_", JsonDocument.Parse(added.Text).RootElement.GetProperty("token").GetString(), StringComparison.Ordinal);
        var noCity = await CliRunner.RunAsync("users", "add", "李娜", "--role", "city-reviewer", "--data", _data);
        Assert.Equal((2, true), (noCity.ExitCode, noCity.Error.Contains("--city", StringComparison.Ordinal)));
        Assert.Equal(0, (await CliRunner.RunAsync("users", "disable", "张伟", "--data", _data)).ExitCode);
        var listed = JsonDocument.Parse((await CliRunner.RunAsync("users", "list", "--data", _data)).Text).RootElement;
        Assert.True(Assert.Single(listed.EnumerateArray()).GetProperty("disabled").GetBoolean());

        var config = JsonDocument.Parse((await CliRunner.RunAsync("qc", "config", "--data", _data)).Text).RootElement;
        Assert.Equal(1, config.GetProperty("version").GetInt32());
        var file = Path.Combine(_data, "rules.json");
        await File.WriteAllTextAsync(file, config.GetProperty("json").GetString()!.Replace("\"version\": 1,", "\"version\": 2,", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CliRunner.RunAsync("qc", "config", "--set", file, "--data", _data)).ExitCode);
        var again = await CliRunner.RunAsync("qc", "config", "--set", file, "--data", _data);
        Assert.Equal(2, again.ExitCode);

        var export = await CliRunner.RunAsync("audit", "export", "--data", _data);
        var actions = export.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("action").GetString()!).ToArray();
        Assert.Equal(["user.add", "user.disable", "qc-config.set"], actions);
        Assert.StartsWith("pbkdf2-sha256$600000$", JsonDocument.Parse(JsonDocument.Parse(export.Lines[0]).RootElement.GetProperty("detail").GetString()!).RootElement
            .GetProperty("passwordHash").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync("verify", "--data", _data)).ExitCode);

        using (var connection = new DuckDBConnection($"Data Source={Path.Combine(_data, "envmon.duckdb")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit SET detail = replace(detail, '410100', '410200') WHERE seq = 0";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var verify = await CliRunner.RunAsync("verify", "--data", _data);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("audit log BROKEN at record 0", verify.Error, StringComparison.Ordinal);
    }
}
