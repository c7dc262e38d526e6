using System.Security.Cryptography;
using System.Text;

namespace Envmon.Monitoring.Stations;

/// <summary>
/// A station's HJ 212 password (PW) as a salted PBKDF2-SHA256 hash: <c>pbkdf2-sha256$iterations$salt$hash</c> in
/// base64. HJ 212 sends PW in clear in every frame, so the gateway verifies it once per connection and password and
/// remembers the result; the store never holds the clear text.
/// </summary>
public sealed class StationPassword
{
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>Iterations for new hashes. Station passwords are short (often six digits), so the cost is what
    /// slows a guess; a verification costs about 3 ms and happens once per station per server run (a reconnect storm of 10,000 stations after a restart costs about 30 s of one core).</summary>
    public const int DefaultIterations = 10_000;

    private readonly int _iterations;
    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private StationPassword(int iterations, byte[] salt, byte[] hash)
    {
        _iterations = iterations;
        _salt = salt;
        _hash = hash;
    }

    /// <summary>Hashes <paramref name="password"/> with a new random salt.</summary>
    public static StationPassword Create(string password, int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new StationPassword(iterations, salt, Derive(Encoding.UTF8.GetBytes(password), salt, iterations));
    }

    /// <summary>Reads the stored form written by <see cref="ToString"/>.</summary>
    public static bool TryParse(string text, out StationPassword? password)
    {
        password = null;
        var parts = text.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var hash = Convert.FromBase64String(parts[3]);
            if (hash.Length != HashBytes || salt.Length == 0)
            {
                return false;
            }

            password = new StationPassword(iterations, salt, hash);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="password"/> (the PW bytes of a frame) is this password; constant time.</summary>
    public bool Verify(ReadOnlySpan<byte> password)
        => CryptographicOperations.FixedTimeEquals(Derive(password, _salt, _iterations), _hash);

    /// <summary>The stored form.</summary>
    public override string ToString()
        => $"{Scheme}${_iterations}${Convert.ToBase64String(_salt)}${Convert.ToBase64String(_hash)}";

    private static byte[] Derive(ReadOnlySpan<byte> password, byte[] salt, int iterations)
        => Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
