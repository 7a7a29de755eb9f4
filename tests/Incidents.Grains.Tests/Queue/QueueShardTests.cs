using Incidents.Contracts.Alerts;
using Incidents.Contracts.Incidents;
using Incidents.Grains.Queue;

namespace Incidents.Grains.Tests.Queue;

/// <summary>One queue shard's rules as plain code: filters, sorts, pages that hold while incidents change, bounds.</summary>
public sealed class QueueShardTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly IncidentIndexState _state = new();
    private readonly QueueShard _queue;

    public QueueShardTests() => _queue = new QueueShard(_state, new CorrelationOptions { QueueShardIncidentsKept = 100 });

    private static IncidentSummary Incident(int i, IncidentStatus status = IncidentStatus.New, Severity severity = Severity.Medium, DateTimeOffset? updated = null) => new()
    {
        Id = $"{i:x32}",
        Title = $"Incident {i} on ws-{i}",
        Status = status,
        Severity = severity,
        Hosts = [$"ws-{i}"],
        Users = [$"corp\\user-{i % 3}"],
        AlertCount = 1,
        FirstSeen = Now,
        LastSeen = Now,
        CreatedAt = Now.AddMinutes(i),
        UpdatedAt = updated ?? Now.AddMinutes(i),
        HostCount = 1,
        UserCount = 1,
        Categories = i % 2 == 0 ? ["lateral-movement"] : [],
    };

    [Fact]
    public void An_older_summary_than_held_is_ignored_and_a_repeat_changes_nothing()
    {
        Assert.True(_queue.Put(Incident(1) with { Version = 2, UpdatedAt = Now.AddHours(1) }, Now));

        Assert.False(_queue.Put(Incident(1) with { Version = 1, UpdatedAt = Now }, Now));
        Assert.False(_queue.Put(Incident(1) with { Version = 2, UpdatedAt = Now.AddHours(1) }, Now));
        Assert.Equal(2, _state.Incidents.Values.Single().Version);
    }

    [Fact]
    public void Every_filter_narrows_and_they_combine()
    {
        for (var i = 1; i <= 30; i++)
        {
            _queue.Put(Incident(i, i % 5 == 0 ? IncidentStatus.Resolved : IncidentStatus.New, (Severity)(i % 5)) with
            {
                Assignee = i % 3 == 0 ? "alice" : null, Team = i % 4 == 0 ? "endpoint" : null, Tags = i % 6 == 0 ? ["c2"] : [],
            }, Now);
        }

        int Count(IncidentQuery q) => _queue.Query(q with { Limit = 100 }).Total;
        Assert.Equal(30, Count(new IncidentQuery())); // every status but merged
        Assert.Equal(6, Count(new IncidentQuery { Statuses = [IncidentStatus.Resolved] }));
        Assert.Equal(30, Count(new IncidentQuery { Statuses = [IncidentStatus.Resolved, IncidentStatus.New] }));
        Assert.Equal(6, Count(new IncidentQuery { MinSeverity = Severity.Critical }));
        Assert.Equal(10, Count(new IncidentQuery { Assignee = "ALICE" }));
        Assert.Equal(7, Count(new IncidentQuery { Team = "endpoint" }));
        Assert.Equal(5, Count(new IncidentQuery { Tag = "c2" }));
        Assert.Equal(1, Count(new IncidentQuery { Host = "ws-7" }));
        Assert.Equal(10, Count(new IncidentQuery { User = "corp\\user-0", Statuses = [IncidentStatus.Resolved, IncidentStatus.New] }));
        Assert.Equal(15, Count(new IncidentQuery { Category = "lateral-movement" }));
        Assert.Equal(11, Count(new IncidentQuery { Text = "incident 1" })); // 1 and 10 to 19, in any case
        Assert.Equal(1, Count(new IncidentQuery { Text = $"{7:x32}" })); // an id
        Assert.Equal(5, Count(new IncidentQuery { CreatedFrom = Now.AddMinutes(10), CreatedTo = Now.AddMinutes(15) }));
        Assert.Equal(5, Count(new IncidentQuery { UpdatedFrom = Now.AddMinutes(10), UpdatedTo = Now.AddMinutes(15) }));
        Assert.Equal(4, Count(new IncidentQuery { Assignee = "alice", MinSeverity = Severity.High })); // 3, 9, 18, 24
    }

    [Fact]
    public void Every_page_is_what_the_query_says_of_all_incidents_through_changes_and_removals()
    {
        // The shard filters on rows it keeps beside the summaries: whatever it answers must be what IncidentQuery.Matches
        // and QueueOrder say of the summaries themselves.
        var random = new Random(11);
        var state = new IncidentIndexState();
        var queue = new QueueShard(state, new CorrelationOptions { QueueShardIncidentsKept = 150 });
        var statuses = Enum.GetValues<IncidentStatus>();
        string? Pick(params string?[] values) => values[random.Next(values.Length)];
        for (var i = 0; i < 400; i++)
        {
            var incident = Incident(random.Next(200), statuses[random.Next(statuses.Length)], (Severity)random.Next(5), Now.AddMinutes(random.Next(30))) with
            {
                Version = i,
                Assignee = Pick(null, "alice", "Bob"),
                Team = Pick(null, "endpoint", "NETWORK"),
                AnalystSeverity = random.Next(4) == 0 ? (Severity)random.Next(5) : null,
                Tags = random.Next(3) == 0 ? ["c2"] : [],
            };
            queue.Put(incident, Now);
        }

        var all = state.Incidents.Values.ToList();
        Assert.InRange(all.Count, 100, 150); // some left when the shard was full
        IncidentQuery[] queries =
        [
            new(), new() { Statuses = [IncidentStatus.New, IncidentStatus.Merged] }, new() { MinSeverity = Severity.High },
            new() { Assignee = "ALICE" }, new() { Team = "network", Statuses = [IncidentStatus.Resolved] }, new() { Tag = "C2" },
            new() { Text = "incident 1" }, new() { User = "corp\\user-1", MinSeverity = Severity.Medium },
            new() { CreatedFrom = Now.AddMinutes(50), CreatedTo = Now.AddMinutes(120) },
            new() { UpdatedFrom = Now.AddMinutes(10), UpdatedTo = Now.AddMinutes(20), Assignee = "bob" },
        ];
        foreach (var sort in Enum.GetValues<IncidentSort>())
        {
            foreach (var query in queries)
            {
                var expected = all.Where(query.Matches).Order(QueueOrder.Comparer(sort)).ToList();
                var limit = random.Next(1, 12);
                var cursor = expected.Count > 3 ? QueueOrder.Position(expected[2], sort) : null;
                var after = cursor is null ? expected : [.. expected.Where(e => QueueOrder.IsAfter(e, cursor, sort))];
                var page = queue.Query(query with { Sort = sort, Limit = limit, After = cursor });
                Assert.Equal(expected.Count, page.Total);
                Assert.Equal(after.Take(limit).Select(e => e.Id), page.Items.Select(e => e.Id));
                Assert.Equal(after.Count > limit, page.More);
            }
        }
    }

    [Theory]
    [InlineData(IncidentSort.Updated)]
    [InlineData(IncidentSort.Created)]
    [InlineData(IncidentSort.Severity)]
    public void Pages_cover_every_incident_once_while_new_ones_arrive_and_others_change(IncidentSort sort)
    {
        for (var i = 1; i <= 60; i++)
        {
            _queue.Put(Incident(i, severity: (Severity)(i % 5), updated: Now.AddMinutes(i % 7)), Now); // many share a time
        }

        var before = _queue.Query(new IncidentQuery { Sort = sort, Limit = 100 }).Items.Select(i => i.Id).ToList();
        var seen = new List<string>();
        QueuePosition? after = null;
        for (var page = 0; ; page++)
        {
            var items = _queue.Query(new IncidentQuery { Sort = sort, Limit = 7, After = after }).Items;
            seen.AddRange(items.Select(i => i.Id));
            if (items.Count < 7)
            {
                break;
            }

            after = QueueOrder.Position(items[^1], sort);
            _queue.Put(Incident(1000 + page, updated: Now.AddDays(1)) with { CreatedAt = Now.AddDays(1), Severity = Severity.Critical }, Now); // new: before the cursor
        }

        Assert.Equal(before, seen); // each incident there at the start, once, in order; the new ones are on the next refresh
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public void A_page_says_whether_more_match_after_it_and_counts_those_before_its_cursor_too()
    {
        for (var i = 0; i < 10; i++)
        {
            _queue.Put(Incident(i), Now);
        }

        var first = _queue.Query(new IncidentQuery { Limit = 4 });
        Assert.Equal((10, true), (first.Total, first.More));
        Assert.Equal(["9", "8", "7", "6"], first.Items.Select(i => i.Id.TrimStart('0')));

        var last = _queue.Query(new IncidentQuery { Limit = 4, After = QueueOrder.Position(_queue.Query(new IncidentQuery { Limit = 6 }).Items[^1], IncidentSort.Updated) });
        Assert.Equal((10, false), (last.Total, last.More));
        Assert.Equal(["3", "2", "1", ""], last.Items.Select(i => i.Id.TrimStart('0')));
    }

    [Fact]
    public void Severity_sorts_by_the_analysts_severity_when_set()
    {
        _queue.Put(Incident(1, severity: Severity.Critical), Now);
        _queue.Put(Incident(2, severity: Severity.Low) with { AnalystSeverity = Severity.Critical, UpdatedAt = Now.AddHours(1) }, Now);
        _queue.Put(Incident(3, severity: Severity.High) with { AnalystSeverity = Severity.Info }, Now);

        var items = _queue.Query(new IncidentQuery { Sort = IncidentSort.Severity }).Items;

        Assert.Equal([2, 1, 3], items.Select(i => Convert.ToInt32(i.Id, 16)));
    }

    [Fact]
    public void A_full_shard_lets_closed_incidents_go_first_then_the_least_recently_updated()
    {
        for (var i = 1; i <= 100; i++)
        {
            _queue.Put(Incident(i, i <= 20 ? IncidentStatus.Resolved : IncidentStatus.New), Now);
        }

        _queue.Put(Incident(101), Now);

        Assert.Equal(90, _state.Incidents.Count); // a tenth at a time
        Assert.DoesNotContain(_state.Incidents.Values, i => Convert.ToInt32(i.Id, 16) <= 11);
        Assert.Equal(9, _state.Incidents.Values.Count(i => i.Status == IncidentStatus.Resolved));
    }

    [Fact]
    public void Resolved_incidents_leave_after_the_retention()
    {
        _queue.Put(Incident(1, IncidentStatus.Resolved), Now);
        _queue.Put(Incident(2), Now);

        Assert.Equal(0, _queue.Expire(Now.AddDays(399)));
        Assert.Equal(1, _queue.Expire(Now.AddDays(401)));
        Assert.Equal(2, Convert.ToInt32(_state.Incidents.Values.Single().Id, 16));
    }
}
