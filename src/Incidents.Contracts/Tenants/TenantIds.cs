namespace Incidents.Contracts.Tenants;

/// <summary>
/// What a tenant id is, checked exactly (no regular expression whose <c>$</c> lets a final newline through): 2 to 40
/// of a–z, 0–9 and '-', starting with a letter or digit. A tenant id starts every grain key and storage name of its
/// data, so nothing else may pass for one.
/// </summary>
public static class TenantIds
{
    public const int MinLength = 2;
    public const int MaxLength = 40;

    public static bool IsValid(string? id) => id is not null && IsValid(id.AsSpan());

    public static bool IsValid(ReadOnlySpan<char> id)
    {
        if (id.Length is < MinLength or > MaxLength || id[0] == '-')
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <exception cref="ArgumentException">Not a valid tenant id.</exception>
    public static string Checked(string tenant) =>
        IsValid(tenant) ? tenant : throw new ArgumentException("Not a valid tenant id.", nameof(tenant));
}
