using System.Security.Cryptography;
using Envmon.Server;
using Envmon.Server.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Envmon.Cli.Demo;

/// <summary>
/// The demo's dashboard accounts, made on its first start with one random password, which is printed and kept in
/// <c>demo-accounts.txt</c> in the data directory (readable by its owner only): a province administrator, a province
/// reviewer, an inspector, and the city reviewers of Zhengzhou and Luoyang.
/// </summary>
internal static class DemoAccounts
{
    public const string FileName = "demo-accounts.txt";

    private static readonly Actor[] Accounts =
    [
        new("admin", Role.ProvinceAdmin),
        new("province", Role.ProvinceReviewer),
        new("inspector", Role.Inspector),
        new("zhengzhou", Role.CityReviewer, City: "410100"),
        new("luoyang", Role.CityReviewer, City: "410300"),
    ];

    public static async Task EnsureAsync(EnvmonServer server, CliConsole console)
    {
        var path = Path.Combine(server.Options.DataDirectory, FileName);
        var users = server.Services.GetRequiredService<Server.Access.Users>();
        var missing = Accounts.Where(a => users.All().All(u => u.Name != a.Name)).ToList();
        if (missing.Count > 0)
        {
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(9)).Replace('+', 'x').Replace('/', 'y');
            foreach (var account in missing)
            {
                users.Add(account, Actor.Local, password);
            }

            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using var file = new StreamWriter(path, System.Text.Encoding.UTF8, options);
            foreach (var account in missing)
            {
                await file.WriteLineAsync($"{account.Name}\t{account.Role.Name()}\t{account.City}\t{password}").ConfigureAwait(false);
            }
        }

        await console.Error.WriteLineAsync($"envmon: dashboard accounts (name, role, city, password) are in {path}:").ConfigureAwait(false);
        if (File.Exists(path))
        {
            await console.Error.WriteAsync(await File.ReadAllTextAsync(path).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }
}
