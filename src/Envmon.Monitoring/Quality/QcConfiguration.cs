using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Envmon.Monitoring.Stations;

namespace Envmon.Monitoring.Quality;

/// <summary>
/// A versioned set of QC rules, read from JSON (docs/quality.md has the format): <c>{"version": 3, "rules": [{"id",
/// "test", "version", "scope", "params"}…]}</c>. Every flag records the configuration version that produced it.
/// </summary>
public sealed class QcConfiguration
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private QcConfiguration(int version, string hash, IReadOnlyList<QcRule> rules, string json)
    {
        Version = version;
        Hash = hash;
        Rules = rules;
        Json = json;
    }

    /// <summary>The configuration's version.</summary>
    public int Version { get; }

    /// <summary>The first 12 hex digits of SHA-256 over every rule's id, version, scope and parameter hash.</summary>
    public string Hash { get; }

    /// <summary>The rules, in file order.</summary>
    public IReadOnlyList<QcRule> Rules { get; }

    /// <summary>The text it was read from.</summary>
    public string Json { get; }

    /// <summary>The configuration Envmon ships with (<c>Quality/default-rules.json</c>).</summary>
    public static QcConfiguration Default { get; } = Parse(ReadDefault());

    /// <summary>Reads a configuration.</summary>
    /// <exception cref="FormatException">The text is not a valid configuration; the message names every problem.</exception>
    public static QcConfiguration Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"QC configuration is not JSON: {e.Message}", e);
        }

        using (document)
        {
            var errors = new List<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("QC configuration must be a JSON object with \"version\" and \"rules\"");
            }

            var version = root.TryGetProperty("version", out var v) && v.TryGetInt32(out var n) && n >= 0 ? n : -1;
            if (version < 0)
            {
                errors.Add("\"version\" must be a whole number ≥ 0");
            }

            var rules = new List<QcRule>();
            if (!root.TryGetProperty("rules", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                errors.Add("\"rules\" must be an array");
            }
            else
            {
                var index = 0;
                var ids = new HashSet<string>(StringComparer.Ordinal);
                foreach (var element in list.EnumerateArray())
                {
                    if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } name && !ids.Add(name))
                    {
                        errors.Add($"rule \"{name}\": the id is used twice");
                    }

                    if (new RuleReader(element, index++, errors).Read() is { } rule)
                    {
                        rules.Add(rule);
                    }
                }
            }

            if (errors.Count > 0)
            {
                throw new FormatException("QC configuration is invalid: " + string.Join("; ", errors));
            }

            var summary = string.Join('\n', rules.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Id}|{r.Test}|{r.Version}|{r.Hash}|{ScopeText(r.Scope)}")));
            return new QcConfiguration(version, HashText(summary), rules, json);
        }
    }

    /// <summary>The first 12 hex digits of SHA-256 of <paramref name="text"/>'s UTF-8 bytes.</summary>
    internal static string HashText(string text)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];

    private static string ScopeText(QcScope scope)
        => string.Join(';', string.Join(',', scope.Networks.Select(n => n.Name())), string.Join(',', scope.Stations), string.Join(',', scope.Parameters),
            string.Join(',', scope.Cadences.Select(c => c.Name())), string.Join(',', scope.Months));

    private static string ReadDefault()
    {
        using var stream = typeof(QcConfiguration).Assembly.GetManifestResourceStream("Envmon.Monitoring.Quality.default-rules.json")
            ?? throw new InvalidOperationException("the default QC rules are not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
