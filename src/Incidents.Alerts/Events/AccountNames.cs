namespace Incidents.Alerts.Events;

/// <summary>
/// How context events name accounts: <c>domain\user</c>, lowercased, with a DNS domain cut to its first label
/// (<c>THESHIRE.LOCAL</c> and <c>THESHIRE</c> are one domain, as Windows itself writes both). <c>-</c> and the empty
/// string mean none. Machine accounts (<c>MORDORDC$</c>) are kept: a computer logging on to another is lateral
/// movement too, and correlation can tell them apart by the trailing <c>$</c>.
/// </summary>
internal static class AccountNames
{
    private const int StackChars = 256;

    public static string? Compose(string? domain, string? user)
    {
        var name = Meaningful(user);
        if (name.IsEmpty)
        {
            return null;
        }

        var realm = Meaningful(domain);
        int dot = realm.IndexOf('.');
        if (dot >= 0)
        {
            realm = realm[..dot];
        }

        // A user already written as DOMAIN\user keeps its own domain.
        if (realm.IsEmpty || name.Contains('\\'))
        {
            return HostNames.ToLower(name);
        }

        int length = realm.Length + 1 + name.Length;
        Span<char> buffer = length <= StackChars ? stackalloc char[StackChars] : new char[length];
        realm.ToLowerInvariant(buffer);
        buffer[realm.Length] = '\\';
        name.ToLowerInvariant(buffer[(realm.Length + 1)..]);
        return new string(buffer[..length]);
    }

    private static ReadOnlySpan<char> Meaningful(string? text)
    {
        var span = text.AsSpan().Trim();
        return span is "-" ? [] : span;
    }
}
