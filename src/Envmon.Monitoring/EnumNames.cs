namespace Envmon.Monitoring;

/// <summary>Reads an enum value back from the name a <c>Name()</c> extension writes for it.</summary>
public static class EnumNames
{
    /// <summary>The value whose name (per <paramref name="name"/>) is <paramref name="text"/>, ignoring case and surrounding space.</summary>
    public static bool TryParse<T>(string text, Func<T, string> name, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(name(candidate), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
