using Incidents.Contracts.Incidents;
using Incidents.Contracts.Runbooks;
using Incidents.Grains.Correlation;
using Incidents.Grains.Incidents;
using Incidents.Grains.Runbooks;
using Incidents.Grains.Workflow;
using Microsoft.Extensions.Logging.Abstractions;
using RunbookText = Incidents.Grains.Runbooks.Runbooks;

namespace Incidents.Grains.Tests.Runbooks;

/// <summary>Runbooks as plain rules: the markdown read, the shipped files, tasks attached once per runbook, and ticked off as an action.</summary>
public sealed class RunbookTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static readonly RunbookCatalog Catalog = new(
    [
        RunbookText.Parse("default", "# Default\n- [ ] look\n- [ ] close\n"),
        RunbookText.Parse("lateral-movement", "# Lateral\n- [ ] map the chain\n- [ ] isolate\n- [ ] reset\n"),
        RunbookText.Parse("exfiltration", "# Exfil\n- [ ] block\n"),
    ]);

    private readonly IncidentState _state = new();

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    public RunbookTests() => new IncidentRecord(_state, new CorrelationOptions()).Begin(Now, Now, "Opened by host b");

    [Fact]
    public void A_runbook_is_a_title_and_its_task_lines_with_ids_from_the_category_and_the_step_number()
    {
        var runbook = RunbookText.Parse("malware", "\r\n# Malware response \r\n\r\nSome prose about when to use it.\r\n- [ ] Identify the sample\r\n  - [ ]   Isolate the host  \r\n");

        Assert.Equal("malware", runbook.Category);
        Assert.Equal("Malware response", runbook.Title);
        Assert.Equal([new RunbookStep("malware-1", "Identify the sample"), new RunbookStep("malware-2", "Isolate the host")], runbook.Steps);
        Assert.All(runbook.Steps, s => Assert.True(RunbookTasks.IsTaskId(s.Id), s.Id));
    }

    [Theory]
    [InlineData("malware", "")]
    [InlineData("malware", "- [ ] a step before any title")]
    [InlineData("malware", "# Title only")]
    [InlineData("malware", "# Title\n- a list item that is not a task")]
    [InlineData("malware", "# Title\n- [x] ticked in the file")]
    [InlineData("malware", "# Title\n- [ ] ")]
    [InlineData("malware", "# Title\n- [ ] bell\u0007")]
    [InlineData("Malware", "# Title\n- [ ] step")]
    [InlineData("../etc", "# Title\n- [ ] step")]
    [InlineData("", "# Title\n- [ ] step")]
    public void What_is_not_a_runbook_is_refused_saying_why(string category, string markdown) =>
        Assert.False(string.IsNullOrEmpty(Assert.Throws<FormatException>(() => RunbookText.Parse(category, markdown)).Message));

    [Fact]
    public void Steps_and_their_length_are_bounded()
    {
        var fifty = "# T\n" + string.Concat(Enumerable.Range(0, RunbookText.MaxSteps).Select(i => $"- [ ] step {i}\n"));
        Assert.Equal(RunbookText.MaxSteps, RunbookText.Parse("big", fifty).Steps.Count);
        Assert.Throws<FormatException>(() => RunbookText.Parse("big", fifty + "- [ ] one more\n"));
        Assert.Equal(RunbookText.MaxStepLength, RunbookText.Parse("long", $"# T\n- [ ] {new string('x', RunbookText.MaxStepLength)}").Steps[0].Text.Length);
        Assert.Throws<FormatException>(() => RunbookText.Parse("long", $"# T\n- [ ] {new string('x', RunbookText.MaxStepLength + 1)}"));
    }

    [Fact]
    public void The_catalog_loads_the_good_files_and_skips_the_bad_and_a_missing_folder_is_empty()
    {
        var folder = Directory.CreateTempSubdirectory("runbooks-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "malware.md"), "# Malware\n- [ ] isolate\n");
            File.WriteAllText(Path.Combine(folder, "broken.md"), "no title\n");
            File.WriteAllText(Path.Combine(folder, "Bad Name.md"), "# T\n- [ ] s\n");
            File.WriteAllText(Path.Combine(folder, "huge.md"), "# T\n" + new string('x', (int)RunbookCatalog.MaxFileBytes));
            File.WriteAllText(Path.Combine(folder, "notes.txt"), "# T\n- [ ] s\n");

            var catalog = RunbookCatalog.Load(folder, NullLogger.Instance);

            Assert.Equal(["malware"], catalog.All.Select(r => r.Category));
            Assert.NotNull(catalog.Find("MALWARE"));
            Assert.Empty(RunbookCatalog.Load(Path.Combine(folder, "none"), NullLogger.Instance).All);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_shipped_runbooks_all_load_with_six_to_ten_steps()
    {
        var folder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "..", "runbooks"));
        var catalog = RunbookCatalog.Load(folder, NullLogger.Instance);

        Assert.Equal(["command-and-control", "credential-access", "default", "exfiltration", "lateral-movement", "malware"], catalog.All.Select(r => r.Category));
        Assert.Equal(Directory.GetFiles(folder, "*.md").Length, catalog.All.Count);
        Assert.All(catalog.All, r => Assert.InRange(r.Steps.Count, 6, 10));
    }

    [Fact]
    public void An_incident_of_no_category_gets_the_default_runbook_once_with_one_entry()
    {
        Assert.True(RunbookTasks.Attach(_state, Catalog, Now));
        Assert.False(RunbookTasks.Attach(_state, Catalog, Now.AddMinutes(1)));

        Assert.Equal(["default-1", "default-2"], _state.Tasks.Select(t => t.Id));
        Assert.All(_state.Tasks, t => Assert.Equal(("default", false, null), (t.Runbook, t.Done, t.DoneBy)));
        var entry = Assert.Single(_state.Actions);
        Assert.Equal(("runbook", null), (entry.Kind, entry.Actor));
        Assert.Contains("Runbook default attached", entry.Text, StringComparison.Ordinal);
        Assert.Equal(0, _state.Version); // not an analyst's change: no one's If-Match goes stale
    }

    [Fact]
    public void A_new_category_adds_its_runbook_and_one_without_a_runbook_adds_none()
    {
        _state.Categories.Add("A Network Trojan was detected");
        RunbookTasks.Attach(_state, Catalog, Now);
        Assert.Equal(["default"], _state.Tasks.Select(t => t.Runbook).Distinct());

        _state.Categories.Add("Lateral-Movement");
        _state.Categories.Add("exfiltration");
        Assert.True(RunbookTasks.Attach(_state, Catalog, Now));
        Assert.False(RunbookTasks.Attach(_state, Catalog, Now));

        Assert.Equal(["default-1", "default-2", "lateral-movement-1", "lateral-movement-2", "lateral-movement-3", "exfiltration-1"], _state.Tasks.Select(t => t.Id));
        Assert.Equal(3, _state.Actions.Count(a => a.Kind == "runbook"));
    }

    [Fact]
    public void Tasks_are_bounded_by_whole_runbooks_and_a_merged_incident_gets_none()
    {
        var big = new RunbookCatalog(Enumerable.Range(0, 6).Select(i =>
            RunbookText.Parse($"c{i}", "# T\n" + string.Concat(Enumerable.Range(0, 40).Select(s => $"- [ ] step {s}\n")))));
        _state.Categories.AddRange(Enumerable.Range(0, 6).Select(i => $"c{i}"));

        RunbookTasks.Attach(_state, big, Now);

        Assert.Equal(RunbookTasks.MaxTasks, _state.Tasks.Count);
        Assert.Equal(5, _state.Tasks.Select(t => t.Runbook).Distinct().Count());

        var merged = new IncidentState { CreatedAt = Now, MergedInto = "0abc", Categories = ["exfiltration"] };
        Assert.False(RunbookTasks.Attach(merged, Catalog, Now));
        Assert.Empty(merged.Tasks);
    }

    [Fact]
    public void Ticking_a_task_is_an_action_with_its_actor_once_and_an_unknown_task_is_not_found()
    {
        RunbookTasks.Attach(_state, Catalog, Now);
        var workflow = new IncidentWorkflow(_state);

        var done = workflow.Apply(new CompleteTask { Actor = "alice", TaskId = "default-2" }, Now.AddMinutes(5));
        Assert.Equal((ActionResult.Done, 1L), (done.Result, done.Version));
        Assert.Equal(("task", "alice", "open", "done"), (done.Entry!.Kind, done.Entry.Actor, done.Entry.Before, done.Entry.After));
        Assert.Contains("close", done.Entry.Text, StringComparison.Ordinal);
        Assert.Equal((true, "alice", Now.AddMinutes(5)), (_state.Tasks[1].Done, _state.Tasks[1].DoneBy, _state.Tasks[1].DoneAt));
        Assert.False(_state.Tasks[0].Done);

        var again = workflow.Apply(new CompleteTask { Actor = "bob", TaskId = "default-2" }, Now.AddMinutes(6));
        Assert.Equal((ActionResult.Unchanged, 1L), (again.Result, again.Version));
        Assert.Equal("alice", _state.Tasks[1].DoneBy);

        Assert.Equal(ActionResult.NotFound, workflow.Apply(new CompleteTask { Actor = "bob", TaskId = "malware-1" }, Now).Result);
        Assert.Equal(ActionResult.Invalid, workflow.Apply(new CompleteTask { Actor = "bob", TaskId = "../default-1" }, Now).Result);
        Assert.Equal(ActionResult.Stale, workflow.Apply(new CompleteTask { Actor = "bob", TaskId = "default-1", IfVersion = 0 }, Now).Result);
        Assert.Equal(1, _state.Version);
    }
}
