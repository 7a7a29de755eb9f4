namespace Incidents.Contracts.Runbooks;

/// <summary>A category's checklist, as shipped in <c>runbooks/{category}.md</c>; <c>default</c> is for an incident of no known category.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.Runbook")]
public sealed record Runbook(
    [property: Id(0)] string Category,
    [property: Id(1)] string Title,
    [property: Id(2)] IReadOnlyList<RunbookStep> Steps);

/// <summary>A step; <see cref="Id"/> is the category and the step's number, the id of the task it becomes.</summary>
[GenerateSerializer, Immutable, Alias("Incidents.RunbookStep")]
public sealed record RunbookStep([property: Id(0)] string Id, [property: Id(1)] string Text);
