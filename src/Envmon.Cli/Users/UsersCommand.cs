using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using Envmon.Server;
using Envmon.Server.Access;

namespace Envmon.Cli.Users;

/// <summary><c>envmon users add|list|disable</c>: the users and their API tokens, recorded in the audit log.</summary>
internal static class UsersCommand
{
    public static Command Create(CliConsole console) => new("users", "Manage users (roles, scopes, API tokens).") { Add(console), List(console), Disable(console) };

    private static Command Add(CliConsole console)
    {
        var data = DataDirectory.Option();
        var name = new Argument<string>("name") { Description = "The user's name (real names, as the review rules ask)." };
        var role = new Option<string>("--role")
        {
            Description = "province-admin, province-reviewer, city-reviewer, operator or inspector.",
            Required = true,
        };
        var city = new Option<string?>("--city") { Description = "For a city reviewer: the city's 6-digit division code." };
        var company = new Option<string?>("--operator") { Description = "For an operator: the O&M company, as the stations' operator column names it." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read a dashboard password (10 characters or more) from the first line of standard input." };
        var command = new Command("add", "Add a user and print its API token (shown only once).") { name, data, role, city, company, passwordStdin };
        command.SetAction(async (parse, cancellation) =>
        {
            if (!Roles.TryParse(parse.GetValue(role), out var parsed))
            {
                return await ApiCall.FailAsync(console, $"--role \"{parse.GetValue(role)}\" is not one of {string.Join(", ", Enum.GetValues<Role>().Select(r => r.Name()))}")
                    .ConfigureAwait(false);
            }

            string? password = null;
            if (parse.GetValue(passwordStdin))
            {
                using var reader = new StreamReader(console.Input, leaveOpen: true);
                password = (await reader.ReadLineAsync(cancellation).ConfigureAwait(false))?.TrimEnd('\r');
            }

            var request = new NewUserRequest(parse.GetValue(name)!, parsed.Name(), parse.GetValue(city), parse.GetValue(company), password);
            return await DataDirectory.RunAsync(parse.GetValue(data)!, console,
                async http => await ApiCall.PrintAsync(console,
                    await http.PostAsJsonAsync(new Uri("api/v1/users", UriKind.Relative), request, ServerJson.Default.NewUserRequest, cancellation).ConfigureAwait(false),
                    cancellation).ConfigureAwait(false),
                async store =>
                {
                    try
                    {
                        var token = new Server.Access.Users(store).Add(new Actor(request.Name, parsed, request.City, request.Operator), Actor.Local, request.Password);
                        return await ApiCall.PrintAsync(console, JsonSerializer.Serialize(new NewUserView(request.Name, token), ServerJson.Default.NewUserView), cancellation)
                            .ConfigureAwait(false);
                    }
                    catch (ArgumentException e)
                    {
                        return await ApiCall.FailAsync(console, e.Message).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var data = DataDirectory.Option();
        var command = new Command("list", "List the users (never their tokens).") { data };
        command.SetAction(async (parse, cancellation) => await DataDirectory.RunAsync(parse.GetValue(data)!, console,
            async http => await ApiCall.PrintAsync(console, await http.GetAsync(new Uri("api/v1/users", UriKind.Relative), cancellation).ConfigureAwait(false), cancellation)
                .ConfigureAwait(false),
            store => ApiCall.PrintAsync(console, JsonSerializer.Serialize(new Server.Access.Users(store).All().ToArray(), ServerJson.Default.UserViewArray), cancellation))
            .ConfigureAwait(false));
        return command;
    }

    private static Command Disable(CliConsole console)
    {
        var data = DataDirectory.Option();
        var name = new Argument<string>("name") { Description = "The user to disable; its token stops working at once." };
        var command = new Command("disable", "Disable a user.") { name, data };
        command.SetAction(async (parse, cancellation) => await DataDirectory.RunAsync(parse.GetValue(data)!, console,
            async http => await ApiCall.PrintAsync(console,
                await http.PostAsync(new Uri($"api/v1/users/{Uri.EscapeDataString(parse.GetValue(name)!)}/disable", UriKind.Relative), null, cancellation).ConfigureAwait(false),
                cancellation).ConfigureAwait(false),
            async store => new Server.Access.Users(store).Disable(parse.GetValue(name)!, Actor.Local) ? 0
                : await ApiCall.FailAsync(console, $"no user \"{parse.GetValue(name)}\"").ConfigureAwait(false)).ConfigureAwait(false));
        return command;
    }
}
