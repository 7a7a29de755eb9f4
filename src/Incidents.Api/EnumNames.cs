namespace Incidents.Api;

/// <summary>Enum values in query strings, by name only.</summary>
internal static class EnumNames
{
    /// <summary>
    /// One of <typeparamref name="TEnum"/>'s names, in any case. <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/>
    /// would also take numbers, whitespace, and comma lists — "native,suricata" is Native|Suricata, a third value the
    /// caller never named, as is the "open,closed" a repeated <c>?status=</c> binds to.
    /// </summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var name in Enum.GetNames<TEnum>())
        {
            if (name.Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                value = Enum.Parse<TEnum>(name);
                return true;
            }
        }

        value = default;
        return false;
    }
}
