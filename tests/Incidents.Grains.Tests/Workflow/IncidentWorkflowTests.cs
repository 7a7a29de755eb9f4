using Incidents.Contracts.Alerts;
using Incidents.Contracts.Incidents;
using Incidents.Grains.Correlation;
using Incidents.Grains.Incidents;
using Incidents.Grains.Workflow;

namespace Incidents.Grains.Tests.Workflow;

/// <summary>The response workflow's rules as plain code: every status move, legal and not, and what each action records.</summary>
public sealed class IncidentWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly IncidentStatus[] OnTheLine =
        [IncidentStatus.New, IncidentStatus.Acknowledged, IncidentStatus.Investigating, IncidentStatus.Contained, IncidentStatus.Resolved];

    private readonly IncidentState _state = new();
    private readonly IncidentWorkflow _workflow;

    public IncidentWorkflowTests()
    {
        new IncidentRecord(_state, new CorrelationOptions()).Begin(Now, Now, "Opened by host b");
        _workflow = new IncidentWorkflow(_state);
    }

    public static TheoryData<IncidentStatus, IncidentStatus> EveryMove()
    {
        var moves = new TheoryData<IncidentStatus, IncidentStatus>();
        foreach (var from in OnTheLine)
        {
            foreach (var to in Enum.GetValues<IncidentStatus>())
            {
                moves.Add(from, to);
            }
        }

        return moves;
    }

    [Theory]
    [MemberData(nameof(EveryMove))]
    public void A_move_is_legal_forward_along_the_line_or_when_reopening_and_never_to_new_or_merged(IncidentStatus from, IncidentStatus to)
    {
        _state.Status = from;
        var legal = to is not (IncidentStatus.New or IncidentStatus.Merged)
            && (IncidentWorkflow.Rank(to) > IncidentWorkflow.Rank(from) || (from, to) == (IncidentStatus.Resolved, IncidentStatus.Investigating));

        var outcome = _workflow.Apply(Move(to), Now);

        var expected = to is IncidentStatus.New or IncidentStatus.Merged ? ActionResult.Invalid
            : from == to ? ActionResult.Unchanged
            : legal ? ActionResult.Done
            : ActionResult.Illegal;
        Assert.Equal(expected, outcome.Result);
        Assert.Equal(legal && from != to ? to : from, _state.Status);
        Assert.Equal(legal && from != to ? 1 : 0, _state.Version);
        if (expected is ActionResult.Illegal)
        {
            Assert.Equal(IncidentWorkflow.LegalTargets(from), outcome.Legal);
            Assert.NotEmpty(outcome.Legal);
        }
    }

    [Fact]
    public void The_legal_targets_are_those_ahead_and_only_investigating_after_resolved()
    {
        Assert.Equal([IncidentStatus.Acknowledged, IncidentStatus.Investigating, IncidentStatus.Contained, IncidentStatus.Resolved],
            IncidentWorkflow.LegalTargets(IncidentStatus.New));
        Assert.Equal([IncidentStatus.Resolved], IncidentWorkflow.LegalTargets(IncidentStatus.Contained));
        Assert.Equal([IncidentStatus.Investigating], IncidentWorkflow.LegalTargets(IncidentStatus.Resolved));
        Assert.Empty(IncidentWorkflow.LegalTargets(IncidentStatus.Merged));
    }

    [Fact]
    public void Resolving_needs_a_classification_and_a_reason_and_keeps_both()
    {
        Assert.Equal(ActionResult.Invalid, _workflow.Apply(Move(IncidentStatus.Resolved) with { Classification = null }, Now).Result);
        Assert.Equal(ActionResult.Invalid, _workflow.Apply(Move(IncidentStatus.Resolved) with { Reason = "  " }, Now).Result);
        Assert.Equal(ActionResult.Invalid, _workflow.Apply(Move(IncidentStatus.Contained) with { Classification = Classification.Benign }, Now).Result);
        Assert.Equal(IncidentStatus.New, _state.Status);

        var outcome = _workflow.Apply(Move(IncidentStatus.Resolved) with { Classification = Classification.FalsePositive, Reason = "backup job" }, Now.AddMinutes(5));

        Assert.Equal(ActionResult.Done, outcome.Result);
        Assert.Equal((IncidentStatus.Resolved, Classification.FalsePositive, "backup job"), (_state.Status, _state.Classification, _state.Resolution));
        Assert.Equal(Now.AddMinutes(5), _state.ResolvedAt);
        Assert.Equal(Now.AddMinutes(5), _state.AcknowledgedAt); // resolving it straight from new: someone owned it then
        Assert.True(_workflow.IsResolved);
    }

    [Fact]
    public void Reopening_takes_the_verdict_away_and_counts()
    {
        _workflow.Apply(Move(IncidentStatus.Resolved) with { Classification = Classification.Benign }, Now);

        Assert.Equal(ActionResult.Done, _workflow.Apply(Move(IncidentStatus.Investigating) with { Reason = "it came back" }, Now.AddHours(1)).Result);

        Assert.Equal((IncidentStatus.Investigating, (Classification?)null, (DateTimeOffset?)null, 1), (_state.Status, _state.Classification, _state.ResolvedAt, _state.Reopened));
        Assert.StartsWith("Reopened by alice", _state.Actions[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Acknowledging_moves_new_only_and_is_a_no_op_after()
    {
        Assert.Equal(ActionResult.Done, _workflow.Apply(new Acknowledge { Actor = "alice" }, Now).Result);
        Assert.Equal(ActionResult.Unchanged, _workflow.Apply(new Acknowledge { Actor = "bob" }, Now.AddMinutes(1)).Result);

        Assert.Equal((IncidentStatus.Acknowledged, "alice", Now), (_state.Status, _state.AcknowledgedBy, _state.AcknowledgedAt!.Value));
        Assert.Equal(1, _state.Version);

        _workflow.Apply(Move(IncidentStatus.Resolved) with { Classification = Classification.TruePositive }, Now);
        var refused = _workflow.Apply(new Acknowledge { Actor = "bob" }, Now);
        Assert.Equal(ActionResult.Illegal, refused.Result);
        Assert.Equal([IncidentStatus.Investigating], refused.Legal);
    }

    [Fact]
    public void A_stale_version_is_refused_and_changes_nothing()
    {
        _workflow.Apply(new AddNote { Actor = "alice", Text = "first" }, Now);

        var stale = _workflow.Apply(new AddNote { Actor = "bob", Text = "second", IfVersion = 0 }, Now);
        var fresh = _workflow.Apply(new AddNote { Actor = "bob", Text = "second", IfVersion = 1 }, Now);

        Assert.Equal((ActionResult.Stale, 1L), (stale.Result, stale.Version));
        Assert.Equal((ActionResult.Done, 2L), (fresh.Result, fresh.Version));
        Assert.Equal(["first", "second"], _state.Notes.Select(n => n.Text));
    }

    [Fact]
    public void Every_change_is_an_action_in_the_timeline_with_its_actor_and_what_it_changed()
    {
        _workflow.Apply(new Assign { Actor = "alice", Assignee = "bob", Team = "endpoint" }, Now);
        _workflow.Apply(new Assign { Actor = "alice", Assignee = "carol" }, Now.AddSeconds(1));
        _workflow.Apply(new OverrideSeverity { Actor = "carol", Severity = Severity.Critical, Reason = "domain controller" }, Now.AddSeconds(2));
        _workflow.Apply(new ChangeTags { Actor = "carol", Add = ["ransomware", "RANSOMWARE", "dc"] }, Now.AddSeconds(3));
        _workflow.Apply(new ChangeTags { Actor = "carol", Remove = ["Dc"] }, Now.AddSeconds(4));

        Assert.Equal(("carol", "endpoint"), (_state.Assignee, _state.Team)); // the team is kept when omitted
        Assert.Equal(Severity.Critical, _state.AnalystSeverity);
        Assert.Equal(["ransomware"], _state.Tags);
        Assert.Equal(5, _state.Version);
        Assert.Equal(
            [
                ("assign", "alice", null, "bob (endpoint)"),
                ("assign", "alice", "bob (endpoint)", "carol (endpoint)"),
                ("severity", "carol", "info (tools)", "critical"),
                ("tags", "carol", "", "ransomware, dc"),
                ("tags", "carol", "ransomware, dc", "ransomware"),
            ],
            _state.Actions.Select(a => (a.Kind, a.Actor!, a.Before, a.After)));
    }

    [Fact]
    public void A_repeat_changes_nothing_and_keeps_the_version()
    {
        _workflow.Apply(new Assign { Actor = "alice", Assignee = "bob" }, Now);
        _workflow.Apply(new OverrideSeverity { Actor = "alice", Severity = Severity.High, Reason = "x" }, Now);

        Assert.Equal(ActionResult.Unchanged, _workflow.Apply(new Assign { Actor = "alice", Assignee = "bob" }, Now).Result);
        Assert.Equal(ActionResult.Unchanged, _workflow.Apply(new OverrideSeverity { Actor = "alice", Severity = Severity.High, Reason = "y" }, Now).Result);
        Assert.Equal(2, _state.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bob\u0000")]
    [InlineData("bob\nalice")]
    public void Names_and_reasons_are_bounded_text_without_control_characters(string text)
    {
        Assert.Equal(ActionResult.Invalid, _workflow.Apply(new Assign { Actor = "alice", Assignee = text.Length == 0 ? new string('x', 129) : text }, Now).Result);
        Assert.Equal(ActionResult.Invalid, _workflow.Apply(Move(IncidentStatus.Contained) with { Reason = text }, Now).Result);
        Assert.Equal(0, _state.Version);
    }

    [Fact]
    public void A_note_is_markdown_text_with_lines_and_is_bounded()
    {
        Assert.Equal(ActionResult.Done, _workflow.Apply(new AddNote { Actor = "alice", Text = "# Found\n\n- `lsass` dump\r\n\t<script>" }, Now).Result);
        Assert.Equal(ActionResult.Invalid, _workflow.Apply(new AddNote { Actor = "alice", Text = new string('x', IncidentNote.MaxLength + 1) }, Now).Result);
        for (var i = 0; i < IncidentWorkflow.NotesKept + 5; i++)
        {
            _workflow.Apply(new AddNote { Actor = "alice", Text = $"note {i}" }, Now.AddSeconds(i));
        }

        Assert.Equal(IncidentWorkflow.NotesKept, _state.Notes.Count);
        Assert.Equal($"note {IncidentWorkflow.NotesKept + 4}", _state.Notes[^1].Text);
    }

    [Fact]
    public void Tags_are_bounded()
    {
        Assert.Equal(ActionResult.Done, _workflow.Apply(new ChangeTags { Actor = "a", Add = [.. Enumerable.Range(0, IncidentWorkflow.MaxTags).Select(i => $"t{i}")] }, Now).Result);

        Assert.Equal(ActionResult.Invalid, _workflow.Apply(new ChangeTags { Actor = "a", Add = ["one-more"] }, Now).Result);
        Assert.Equal(IncidentWorkflow.MaxTags, _state.Tags.Count);
    }

    [Fact]
    public void A_merged_incident_points_to_its_survivor_and_a_missing_one_is_not_found()
    {
        Assert.Equal(ActionResult.NotFound, new IncidentWorkflow(new IncidentState()).Apply(new Acknowledge { Actor = "a" }, Now).Result);
        _state.MergedInto = "0abc";
        _state.Status = IncidentStatus.Merged;

        var outcome = _workflow.Apply(new Acknowledge { Actor = "a" }, Now);

        Assert.Equal((ActionResult.Merged, "0abc"), (outcome.Result, outcome.MergedInto));
    }

    [Fact]
    public void A_merge_keeps_the_furthest_status_every_note_and_action_and_fills_what_the_survivor_lacks()
    {
        var other = new IncidentState();
        new IncidentRecord(other, new CorrelationOptions()).Begin(Now, Now, "Opened by host c");
        var theirs = new IncidentWorkflow(other);
        theirs.Apply(Move(IncidentStatus.Contained), Now.AddMinutes(1));
        theirs.Apply(new AddNote { Actor = "bob", Text = "isolated c" }, Now.AddMinutes(2));
        theirs.Apply(new Assign { Actor = "bob", Assignee = "bob", Team = "endpoint" }, Now.AddMinutes(3));
        theirs.Apply(new ChangeTags { Actor = "bob", Add = ["c2"] }, Now.AddMinutes(3));
        _workflow.Apply(new AddNote { Actor = "alice", Text = "looking at b" }, Now.AddMinutes(1.5));
        var handover = new IncidentRecord(other, new CorrelationOptions()).Handover("ffff");

        _workflow.Absorb(handover);
        _workflow.Absorb(handover); // idempotent

        Assert.Equal(IncidentStatus.Contained, _state.Status);
        Assert.Equal(["looking at b", "isolated c"], _state.Notes.Select(n => n.Text));
        Assert.Equal("ffff", _state.Notes[1].From);
        Assert.Equal(("bob", "endpoint"), (_state.Assignee, _state.Team));
        Assert.Equal(["c2"], _state.Tags);
        Assert.Equal(5, _state.Actions.Count);
        Assert.Equal(4, _state.Actions.Count(a => a.Text.StartsWith("[ffff] ", StringComparison.Ordinal)));
        Assert.Equal(Now.AddMinutes(1), _state.AcknowledgedAt);
    }

    private static ChangeStatus Move(IncidentStatus to) => new()
    {
        Actor = "alice", Status = to, Reason = "seen", Classification = to is IncidentStatus.Resolved ? Classification.TruePositive : null,
    };
}
