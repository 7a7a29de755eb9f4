using System.Net;
using Incidents.Contracts.Context;
using Incidents.Contracts.Users;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Users;

/// <summary>
/// The rules of an account's cloud sign-ins, without messaging or storage: one entry per source address and provider,
/// first and last seen, successes and failures; past the bound the least recently seen leaves.
/// </summary>
public sealed class UserSignIns(List<UserSignIn> signIns, int capacity)
{
    /// <summary>Folds in a cloud sign-in; an event that names a host is the hosts' and changes nothing here.</summary>
    public void Witness(ContextSummary e)
    {
        if (e.Hosts.Count > 0)
        {
            return;
        }

        var address = Address(e.Src?.Ip);
        var failed = e.Success == false || e.Kind == ContextEventKind.LogonFailed;
        var succeeded = !failed && e.Success == true;
        signIns.Fold(
            s => s.Address == address && s.Source == e.Source,
            s => s is null
                ? new UserSignIn(address, e.Source, e.Time, e.Time, succeeded ? 1 : 0, failed ? 1 : 0)
                : s with
                {
                    FirstSeen = s.FirstSeen <= e.Time ? s.FirstSeen : e.Time,
                    LastSeen = s.LastSeen >= e.Time ? s.LastSeen : e.Time,
                    Successes = s.Successes + (succeeded ? 1 : 0),
                    Failures = s.Failures + (failed ? 1 : 0),
                },
            s => s.LastSeen,
            capacity);
    }

    /// <summary>First seen first.</summary>
    public List<UserSignIn> View() => [.. signIns.OrderBy(s => s.FirstSeen)];

    /// <summary>Each source, and whether its first sign-in lies between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public List<SignInFact> Facts(DateTimeOffset from, DateTimeOffset to) =>
        [.. View().Select(s => new SignInFact(s, s.FirstSeen >= from && s.FirstSeen <= to))];

    /// <summary>
    /// The address as the normaliser wrote it (canonical): an event names one only after parsing it, and anything
    /// else is kept as no address rather than as text from a request.
    /// </summary>
    private static string? Address(string? ip) =>
        ip is not null && IPAddress.TryParse(ip, out var parsed) ? parsed.ToString() : null;
}
