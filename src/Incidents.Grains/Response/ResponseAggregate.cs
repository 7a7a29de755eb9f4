using System.Text.RegularExpressions;
using Incidents.Contracts.Response;
using Incidents.Grains.Storage;
using Incidents.Grains.Workflow;

namespace Incidents.Grains.Response;

/// <summary>
/// The rules of a tenant's response figures, without messaging or storage: each (incident, measure) counted once into
/// its team's histogram of its UTC day (breaches counted apart, the newest listed per team), and reports merged over
/// any days and teams. Bounded: <see cref="ResponseStatsOptions.DaysKept"/> days, <see cref="TeamsKept"/> teams
/// (more count as <see cref="OtherTeam"/>), <see cref="SeenCapacity"/> remembered keys.
/// </summary>
public sealed partial class ResponseAggregate
{
    /// <summary>
    /// Keys remembered for idempotence: the newest ~2,800 incidents' seven measures. A repeat older than that (rare: a
    /// repeat is a retry or a replay, minutes old) counts again.
    /// </summary>
    public const int SeenCapacity = 20_000;

    public const int TeamsKept = 64;

    /// <summary>Where a team past <see cref="TeamsKept"/>, or with a name that is not one, is counted.</summary>
    public const string OtherTeam = "other";

    /// <summary>The six measured times, as the report names them.</summary>
    public static readonly IReadOnlyList<ResponseMeasure> Times =
        [ResponseMeasure.Triage, ResponseMeasure.Enrichment, ResponseMeasure.Escalation, ResponseMeasure.Acknowledge, ResponseMeasure.Contain, ResponseMeasure.Resolve];

    private readonly ResponseStatsState _state;
    private readonly int _daysKept;
    private readonly SeenKeys _seen;
    private readonly HashSet<string> _teams;

    public ResponseAggregate(ResponseStatsState state, int daysKept)
    {
        _state = state;
        _daysKept = Math.Max(1, daysKept);
        _seen = new SeenKeys(state.Seen, SeenCapacity);
        _teams = [.. state.Days.Values.SelectMany(d => d.Keys)];
    }

    public static bool IsTeamName(string? team) => team is not null && TeamPattern().IsMatch(team);

    /// <summary>The earliest day kept on <paramref name="now"/>'s day.</summary>
    public static DateOnly FirstDay(DateTimeOffset now, int daysKept) => DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - Math.Max(1, daysKept));

    /// <summary>Counts the milestone unless counted before or older than the days kept; returns the team it counted under, or null.</summary>
    public string? Record(ResponseMilestone milestone, DateTimeOffset now)
    {
        var key = $"{milestone.IncidentId}/{(int)milestone.Measure}";
        var day = DateOnly.FromDateTime(milestone.At.UtcDateTime);
        var first = FirstDay(now, _daysKept);
        if (_seen.Contains(key) || day < first || !Enum.IsDefined(milestone.Measure))
        {
            return null;
        }

        _seen.Add(key);
        var team = Team(milestone.Team);
        if (!_state.Days.TryGetValue(day, out var teams))
        {
            _state.Days[day] = teams = [];
            Forget(first);
        }

        if (!teams.TryGetValue(team, out var figures))
        {
            teams[team] = figures = new ResponseTeamDay();
        }

        if (milestone.Measure is ResponseMeasure.Breach)
        {
            figures.Breaches++;
            if (!_state.Breached.TryGetValue(team, out var listed))
            {
                _state.Breached[team] = listed = [];
            }

            listed.Add(new ResponseBreach(milestone.IncidentId, milestone.At));
            listed.Sort((a, b) => a.At.CompareTo(b.At));
            listed.TrimToNewest(ResponseStats.BreachesListed);
        }
        else
        {
            if (!figures.Measures.TryGetValue(milestone.Measure, out var histogram))
            {
                figures.Measures[milestone.Measure] = histogram = new ResponseHistogram();
            }

            histogram.Add(milestone.Took);
        }

        return team;
    }

    /// <summary>Figures from the query's day (UTC) on, for its team or all; every measure present, empty ones with a count of 0.</summary>
    public ResponseReport Report(ResponseQuery query)
    {
        var since = DateOnly.FromDateTime(query.Since.UtcDateTime);
        var sinceTime = new DateTimeOffset(since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var merged = Times.ToDictionary(m => m, _ => new ResponseHistogram());
        long breaches = 0;
        foreach (var (day, teams) in _state.Days.Where(d => d.Key >= since))
        {
            foreach (var (team, figures) in teams.Where(t => query.Team is null || t.Key == query.Team))
            {
                breaches += figures.Breaches;
                foreach (var (measure, histogram) in figures.Measures)
                {
                    merged[measure].Merge(histogram);
                }
            }
        }

        return new ResponseReport
        {
            Since = sinceTime,
            Team = query.Team,
            Measures = merged.ToDictionary(m => IncidentWorkflow.Name(m.Key), m => Figures(m.Value), StringComparer.Ordinal),
            Breaches = breaches,
            BreachedIncidents = [.. _state.Breached.Where(t => query.Team is null || t.Key == query.Team)
                .SelectMany(t => t.Value).Where(b => b.At >= sinceTime)
                .OrderByDescending(b => b.At).Select(b => b.IncidentId).Distinct(StringComparer.Ordinal).Take(ResponseStats.BreachesListed)],
        };
    }

    private static ResponseFigures Figures(ResponseHistogram histogram) => new()
    {
        Count = histogram.Count,
        P50Milliseconds = histogram.Percentile(0.50),
        P90Milliseconds = histogram.Percentile(0.90),
        P99Milliseconds = histogram.Percentile(0.99),
        MaxMilliseconds = histogram.Count == 0 ? null : histogram.MaxMilliseconds,
    };

    private string Team(string? team)
    {
        if (!IsTeamName(team))
        {
            return OtherTeam;
        }

        if (_teams.Contains(team!) || _teams.Count(t => t != OtherTeam) < TeamsKept)
        {
            _teams.Add(team!);
            return team!;
        }

        return OtherTeam;
    }

    /// <summary>Drops the days before <paramref name="first"/> and the breaches listed in them; the teams only they had go too.</summary>
    private void Forget(DateOnly first)
    {
        var old = _state.Days.Keys.Where(d => d < first).ToList();
        if (old.Count == 0)
        {
            return;
        }

        foreach (var day in old)
        {
            _state.Days.Remove(day);
        }

        var firstTime = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        foreach (var (team, listed) in _state.Breached.ToList())
        {
            listed.RemoveAll(b => b.At < firstTime);
            if (listed.Count == 0)
            {
                _state.Breached.Remove(team);
            }
        }

        _teams.Clear();
        _teams.UnionWith(_state.Days.Values.SelectMany(d => d.Keys));
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TeamPattern();
}
