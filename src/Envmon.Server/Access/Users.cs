using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Envmon.Monitoring.Stations;
using Envmon.Storage;

namespace Envmon.Server.Access;

/// <summary>A user as the audit log records its creation: the token only as its SHA-256, the password (if any) only as its salted PBKDF2 hash.</summary>
public sealed record UserRecord(string Name, string Role, string? City, string? Operator, string TokenSha256, string? PasswordHash = null);

/// <summary>Why a sign-in failed.</summary>
public enum SignInFailure
{
    /// <summary>Unknown user, disabled user, no password set, or a wrong password: the same answer for all.</summary>
    BadCredentials,

    /// <summary>Too many failures in a row: wait until the lockout ends.</summary>
    LockedOut,
}

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
    private readonly ConcurrentDictionary<string, StationPassword> _passwords = new(StringComparer.Ordinal);
    private readonly byte[] _localDigest;
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Until)> _failures = new(StringComparer.Ordinal);

    /// <summary>Failed sign-ins in a row that lock a user out, and for how long.</summary>
    public const int MaxFailures = 5;

    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    /// <summary>PBKDF2-SHA256 iterations for user passwords (OWASP's 2023 figure; stations keep their own, lower, count).</summary>
    public const int PasswordIterations = 600_000;

    public Users(EnvmonStore store)
    {
        _store = store;
        LocalToken = NewToken();
        _localDigest = Encoding.ASCII.GetBytes(Digest(LocalToken));
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
        if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(digest), _localDigest))
        {
            return Actor.Local;
        }

        return _byDigest.TryGetValue(digest, out var name) && _byName.TryGetValue(name, out var user) && !user.Disabled ? user.Actor : null;
    }

    /// <summary>Every user.</summary>
    public IReadOnlyList<UserView> All() => [.. _byName.Values.OrderBy(u => u.Actor.Name, StringComparer.Ordinal)
        .Select(u => new UserView(u.Actor.Name, u.Actor.Role.Name(), u.Actor.City, u.Actor.Operator, u.Disabled))];

    /// <summary>
    /// Adds <paramref name="user"/> (recorded as done by <paramref name="by"/>), with a password for the dashboard when
    /// one is given, and returns its API token, shown only now.
    /// </summary>
    /// <exception cref="ArgumentException">The name is taken, the scope does not fit the role, or the password is too short.</exception>
    public string Add(Actor user, Actor by, string? password = null)
    {
        CheckPassword(password);
        if (string.IsNullOrWhiteSpace(user.Name) || _byName.ContainsKey(user.Name))
        {
            throw new ArgumentException($"user name \"{user.Name}\" is empty or taken");
        }

        if ((user.Role == Role.CityReviewer) != (user.City is not null) || (user.Role == Role.Operator) != (user.Operator is not null))
        {
            throw new ArgumentException("a city reviewer needs --city, an operator needs --operator, and no other role takes either");
        }

        var token = NewToken();
        var record = new UserRecord(user.Name, user.Role.Name(), user.City, user.Operator, Digest(token),
            password is null ? null : StationPassword.Create(password, PasswordIterations).ToString());
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

    /// <summary>
    /// Checks a sign-in: after <see cref="MaxFailures"/> failures in a row the user is locked out for
    /// <see cref="Lockout"/>, whatever the password. Every attempt is recorded in the audit log.
    /// </summary>
    public (Actor? Actor, SignInFailure? Failure) SignIn(string name, string password, string remote, DateTimeOffset now)
    {
        if (_failures.TryGetValue(name, out var failures) && failures.Failures >= MaxFailures && failures.Until > now)
        {
            _store.Audit(name, "login.refused", remote, "{\"reason\":\"locked-out\"}", now);
            return (null, SignInFailure.LockedOut);
        }

        var user = _byName.TryGetValue(name, out var known) && !known.Disabled ? known.Actor : null;
        if (user is null || !_passwords.TryGetValue(name, out var hash) || !hash.Verify(System.Text.Encoding.UTF8.GetBytes(password)))
        {
            // Failures count in a row; once a lockout has run out, counting starts again.
            var count = failures.Failures >= MaxFailures && failures.Until <= now ? 1 : failures.Failures + 1;
            _failures[name] = (count, now + Lockout);
            _store.Audit(name, "login.failed", remote, $$"""{"failures":{{count}}}""", now);
            return (null, count >= MaxFailures ? SignInFailure.LockedOut : SignInFailure.BadCredentials);
        }

        _failures.TryRemove(name, out _);
        _store.Audit(name, "login.ok", remote, "{}", now);
        return (user, null);
    }

    /// <summary>Changes <paramref name="actor"/>'s password after checking the current one.</summary>
    /// <exception cref="ArgumentException">The current password is wrong or the new one too short.</exception>
    public void ChangePassword(Actor actor, string current, string replacement)
    {
        if (!_passwords.TryGetValue(actor.Name, out var hash) || !hash.Verify(System.Text.Encoding.UTF8.GetBytes(current)))
        {
            throw new ArgumentException("the current password is wrong");
        }

        CheckPassword(replacement);
        var entry = _store.Audit(actor.Name, "user.password", actor.Name, JsonSerializer.Serialize(StationPassword.Create(replacement, PasswordIterations).ToString(),
            ServerJson.Default.String), DateTimeOffset.UtcNow);
        Apply(entry.Action, entry.Target, entry.Detail);
    }

    private static void CheckPassword(string? password)
    {
        if (password is { Length: < 10 })
        {
            throw new ArgumentException("a password needs at least 10 characters");
        }
    }

    private void Apply(string action, string target, string detail)
    {
        if (action == "user.password" && StationPassword.TryParse(JsonSerializer.Deserialize(detail, ServerJson.Default.String)!, out var changed))
        {
            _passwords[target] = changed!;
        }

        if (action == "user.add")
        {
            var record = JsonSerializer.Deserialize(detail, ServerJson.Default.UserRecord)!;
            if (record.PasswordHash is { } stored && StationPassword.TryParse(stored, out var password))
            {
                _passwords[record.Name] = password!;
            }

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
