using System.Globalization;
using System.Text.RegularExpressions;
using Incidents.Contracts.Alerts;
using Incidents.Contracts.Escalation;

namespace Incidents.Grains.Escalation;

/// <summary>What makes a policy one the system can follow (plain rules): each problem named by where it is.</summary>
public static partial class EscalationPolicyRules
{
    public const int MaxTeams = 32;
    public const int MaxRoutes = 64;
    public const int MaxLevels = 8;
    public const int MaxConditions = 16;
    public const int MaxValues = 32;
    public const int MaxText = 128;
    public static readonly TimeSpan LongestWait = TimeSpan.FromDays(7);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    public static partial Regex TeamId();

    [GeneratedRegex("^TA[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Tactic();

    public static IReadOnlyList<string> Problems(EscalationPolicy policy)
    {
        List<string> problems = [];
        void Problem(FormattableString text) => problems.Add(FormattableString.Invariant(text));

        if (policy.Teams is not { Count: > 0 and <= MaxTeams })
        {
            Problem($"'teams': 1 to {MaxTeams} teams.");
        }

        var teams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (team, i) in (policy.Teams ?? []).Select((t, i) => (t, i)))
        {
            if (team?.Id is not { } id || !TeamId().IsMatch(id))
            {
                Problem($"'teams[{i}].id': lower-case letters, digits and '-', at most 63, such as 'data-security'.");
            }
            else if (!teams.Add(id))
            {
                Problem($"'teams[{i}].id': '{id}' is named twice.");
            }

            if (!IsText(team?.Name))
            {
                Problem($"'teams[{i}].name': 1 to {MaxText} characters of text.");
            }
        }

        if (policy.Routes is not { Count: > 0 and <= MaxRoutes })
        {
            Problem($"'routes': 1 to {MaxRoutes} routes, the last one without conditions (the default).");
            return problems;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (route, i) in policy.Routes.Select((r, i) => (r, i)))
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"routes[{i}]");
            if (route is null)
            {
                Problem($"'{at}': a route.");
                continue;
            }

            if (!IsText(route.Name))
            {
                Problem($"'{at}.name': 1 to {MaxText} characters of text.");
            }
            else if (!names.Add(route.Name))
            {
                Problem($"'{at}.name': '{route.Name}' is named twice.");
            }

            if (route.Team is null || !teams.Contains(route.Team))
            {
                Problem($"'{at}.team': one of the policy's teams ({string.Join(", ", teams)}).");
            }

            CheckLevels(route.Levels, at, Problem);
            if ((route.When ?? []).Count > MaxConditions)
            {
                Problem($"'{at}.when': at most {MaxConditions} conditions.");
            }

            foreach (var (condition, c) in (route.When ?? []).Take(MaxConditions).Select((c, n) => (c, n)))
            {
                CheckCondition(condition, string.Create(CultureInfo.InvariantCulture, $"{at}.when[{c}]"), Problem);
            }
        }

        if (policy.Routes[^1] is { When.Count: > 0 })
        {
            Problem($"'routes[{policy.Routes.Count - 1}].when': the last route is the default: it has no conditions, so that every incident reaches a team.");
        }

        return problems;
    }

    private static void CheckLevels(IReadOnlyList<EscalationLevel>? levels, string at, Action<FormattableString> problem)
    {
        if (levels is not { Count: > 0 and <= MaxLevels })
        {
            problem($"'{at}.levels': 1 to {MaxLevels} levels, the first after 00:00:00.");
            return;
        }

        for (var l = 0; l < levels.Count; l++)
        {
            var level = levels[l];
            if (level is null || !IsText(level.Name))
            {
                problem($"'{at}.levels[{l}].name': 1 to {MaxText} characters of text.");
                continue;
            }

            if (l == 0 && level.After != TimeSpan.Zero)
            {
                problem($"'{at}.levels[0].after': 00:00:00: the first level hears as soon as the incident is routed.");
            }
            else if (l > 0 && (level.After <= levels[l - 1]?.After || level.After > LongestWait))
            {
                problem($"'{at}.levels[{l}].after': later than the level before it, and at most {LongestWait.TotalDays} days.");
            }
        }
    }

    private static void CheckCondition(RouteCondition? condition, string at, Action<FormattableString> problem)
    {
        if (condition is null)
        {
            problem($"'{at}': a condition.");
            return;
        }

        foreach (var (name, values) in (ReadOnlySpan<(string, IReadOnlyList<string>?)>)
                 [("categories", condition.Categories), ("tactics", condition.Tactics), ("zones", condition.Zones), ("tags", condition.Tags)])
        {
            if ((values ?? []).Count > MaxValues || (values ?? []).Any(v => !IsText(v)))
            {
                problem($"'{at}.{name}': at most {MaxValues} values of 1 to {MaxText} characters.");
            }
        }

        if ((condition.Tactics ?? []).Any(t => t is not null && !Tactic().IsMatch(t)))
        {
            problem($"'{at}.tactics': ATT&CK tactic ids, such as TA0010.");
        }

        if (condition.MinCriticality is < 1 or > 5)
        {
            problem($"'{at}.minCriticality': 1 to 5.");
        }

        if (condition.MinSeverity is { } severity && !Enum.IsDefined(severity))
        {
            problem($"'{at}.minSeverity': {string.Join(", ", Enum.GetNames<Severity>())}.");
        }
    }

    private static bool IsText(string? text) =>
        text is { Length: > 0 and <= MaxText } && !string.IsNullOrWhiteSpace(text) && !text.Any(char.IsControl);
}
