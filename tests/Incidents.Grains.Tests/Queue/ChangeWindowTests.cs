using Incidents.Contracts.Alerts;
using Incidents.Contracts.Incidents;
using Incidents.Grains.Queue;

namespace Incidents.Grains.Tests.Queue;

/// <summary>The feed's window of a shard's changes: numbered, bounded, resumable, and honest about what it lost.</summary>
public sealed class ChangeWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly ChangeWindow _window = new(capacity: 5, epoch: "0badf00d");

    private static IncidentSummary Incident(int i) => new()
    {
        Id = $"{i:x32}", Title = $"i{i}", Status = IncidentStatus.New, Severity = Severity.High, Hosts = [], Users = [],
        AlertCount = 1, FirstSeen = Now, LastSeen = Now, CreatedAt = Now, UpdatedAt = Now, HostCount = 0, UserCount = 0,
    };

    [Fact]
    public void A_reader_from_now_gets_what_comes_after_and_resumes_where_it_stopped()
    {
        _window.Add(ChangeKinds.Opened, Incident(1));
        var now = _window.After(null, 0);
        Assert.Equal(("0badf00d", 1L, false), (now.Epoch, now.Last, now.Reset));
        Assert.Empty(now.Changes);

        _window.Add(ChangeKinds.Grew, Incident(1));
        _window.Add(ChangeKinds.Opened, Incident(2));

        var next = _window.After("0badf00d", now.Last);
        Assert.Equal([(2L, "grew"), (3L, "opened")], next.Changes.Select(c => (c.Seq, c.Kind)));
        Assert.Empty(_window.After("0badf00d", 3).Changes);
    }

    [Fact]
    public void A_position_out_of_the_window_or_from_another_epoch_is_a_reset_never_a_silent_gap()
    {
        for (var i = 0; i < 8; i++)
        {
            _window.Add(ChangeKinds.Updated, Incident(i));
        }

        Assert.Equal([4L, 5, 6, 7, 8], _window.After("0badf00d", 3).Changes.Select(c => c.Seq)); // the oldest kept is 4
        Assert.True(_window.After("0badf00d", 2).Reset);
        Assert.True(_window.After("deadbeef", 7).Reset);
        Assert.True(_window.After("0badf00d", 99).Reset);
        Assert.Equal(8, _window.After("deadbeef", 7).Last);
    }

    [Fact]
    public void Waiting_readers_wake_on_the_next_change()
    {
        var next = _window.Next;
        Assert.False(next.IsCompleted);

        _window.Add(ChangeKinds.Opened, Incident(1));

        Assert.True(next.IsCompleted);
        Assert.False(_window.Next.IsCompleted);
    }

    [Fact]
    public void The_kind_is_the_change_that_matters_most()
    {
        var before = Incident(1);
        Assert.Equal("opened", ChangeKinds.Of(null, before));
        Assert.Equal("merged", ChangeKinds.Of(before, before with { Status = IncidentStatus.Merged, AlertCount = 9 }));
        Assert.Equal("status", ChangeKinds.Of(before, before with { Status = IncidentStatus.Contained, Assignee = "a" }));
        Assert.Equal("assignee", ChangeKinds.Of(before, before with { Team = "soc" }));
        Assert.Equal("severity", ChangeKinds.Of(before, before with { AnalystSeverity = Severity.Low }));
        Assert.Equal("grew", ChangeKinds.Of(before, before with { AlertCount = 2 }));
        Assert.Equal("updated", ChangeKinds.Of(before, before with { Tags = ["x"] }));
    }
}
