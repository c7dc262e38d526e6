using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Envmon.Storage;

namespace Envmon.Server.Access;

/// <summary>A user as the audit log records its creation: the token is kept only as its SHA-256.</summary>
public sealed record UserRecord(string Name, string Role, string? City, string? Operator, string TokenSha256);

/// <summary>A user as the API lists it (never the token).</summary>
public sealed record UserView(string Name, string Role, string? City, string? Operator, bool Disabled);

/// <summary>
/// The users and their API tokens, rebuilt at start from the audit log (<c>user.add</c>, <c>user.disable</c>), where
/// every change is recorded. A token is 32 random bytes, shown once when the user is added; the server keeps only its
/// SHA-256 (a token has full entropy, so no slow hash is needed) and compares digests, never tokens. The local token
/// of <c>server.json</c> is made anew at each start and gives the command line beside the server the admin role.
/// </summary>
internal sealed class Users
{
    private readonly EnvmonStore _store;
    private readonly ConcurrentDictionary<string, (Actor Actor, string Digest, bool Disabled)> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byDigest = new(StringComparer.Ordinal);

    public Users(EnvmonStore store)
    {
        _store = store;
        LocalToken = NewToken();
        foreach (var entry in store.AuditLog("user."))
        {
            Apply(entry.Action, entry.Target, entry.Detail);
        }
    }

    /// <summary>The token of this process's <see cref="Actor.Local"/>, written to <c>server.json</c>.</summary>
    public string LocalToken { get; }

    /// <summary>The actor holding <paramref name="token"/>, or null (unknown or disabled).</summary>
    public Actor? Authenticate(string token)
    {
        var digest = Digest(token);
        if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(digest), Encoding.ASCII.GetBytes(Digest(LocalToken))))
        {
            return Actor.Local;
        }

        return _byDigest.TryGetValue(digest, out var name) && _byName.TryGetValue(name, out var user) && !user.Disabled ? user.Actor : null;
    }

    /// <summary>Every user.</summary>
    public IReadOnlyList<UserView> All() => [.. _byName.Values.OrderBy(u => u.Actor.Name, StringComparer.Ordinal)
        .Select(u => new UserView(u.Actor.Name, u.Actor.Role.Name(), u.Actor.City, u.Actor.Operator, u.Disabled))];

    /// <summary>Adds <paramref name="user"/> (recorded as done by <paramref name="by"/>) and returns its token, shown only now.</summary>
    /// <exception cref="ArgumentException">The name is taken, or the scope does not fit the role.</exception>
    public string Add(Actor user, Actor by)
    {
        if (string.IsNullOrWhiteSpace(user.Name) || _byName.ContainsKey(user.Name))
        {
            throw new ArgumentException($"user name \"{user.Name}\" is empty or taken");
        }

        if ((user.Role == Role.CityReviewer) != (user.City is not null) || (user.Role == Role.Operator) != (user.Operator is not null))
        {
            throw new ArgumentException("a city reviewer needs --city, an operator needs --operator, and no other role takes either");
        }

        var token = NewToken();
        var record = new UserRecord(user.Name, user.Role.Name(), user.City, user.Operator, Digest(token));
        var entry = _store.Audit(by.Name, "user.add", user.Name, JsonSerializer.Serialize(record, ServerJson.Default.UserRecord), DateTimeOffset.UtcNow);
        Apply(entry.Action, entry.Target, entry.Detail);
        return token;
    }

    /// <summary>Disables <paramref name="name"/>: its token stops working at once.</summary>
    public bool Disable(string name, Actor by)
    {
        if (!_byName.ContainsKey(name))
        {
            return false;
        }

        var entry = _store.Audit(by.Name, "user.disable", name, "{}", DateTimeOffset.UtcNow);
        Apply(entry.Action, entry.Target, entry.Detail);
        return true;
    }

    private void Apply(string action, string target, string detail)
    {
        if (action == "user.add")
        {
            var record = JsonSerializer.Deserialize(detail, ServerJson.Default.UserRecord)!;
            var role = Roles.TryParse(record.Role, out var parsed) ? parsed : throw new InvalidDataException($"audit: user {record.Name} has an unknown role {record.Role}");
            _byName[record.Name] = (new Actor(record.Name, role, record.City, record.Operator), record.TokenSha256, false);
            _byDigest[record.TokenSha256] = record.Name;
        }
        else if (action == "user.disable" && _byName.TryGetValue(target, out var user))
        {
            _byName[target] = user with { Disabled = true };
        }
    }

    private static string NewToken() => "em_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Digest(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
