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

    /// <summary>A value as the API writes it (camel case, as its JSON options do).</summary>
    public static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The values a parameter takes, as the API writes them, for a problem's detail.</summary>
    public static string List<TEnum>(Func<TEnum, bool>? wanted = null)
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Where(wanted ?? (_ => true)).Select(Wire));
}
