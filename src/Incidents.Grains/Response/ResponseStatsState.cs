namespace Incidents.Grains.Response;

[GenerateSerializer, Alias("Incidents.ResponseStatsState")]
public sealed record ResponseStatsState
{
    /// <summary>By UTC day, then team: the newest <see cref="ResponseStatsOptions.DaysKept"/> days.</summary>
    [Id(0)] public Dictionary<DateOnly, Dictionary<string, ResponseTeamDay>> Days { get; set; } = [];

    /// <summary><c>{incidentId}/{measure}</c> counted, oldest first (at most <see cref="ResponseAggregate.SeenCapacity"/>).</summary>
    [Id(1)] public List<string> Seen { get; set; } = [];

    /// <summary>By team, newest last, at most <see cref="Contracts.Response.ResponseStats.BreachesListed"/> each.</summary>
    [Id(2)] public Dictionary<string, List<ResponseBreach>> Breached { get; set; } = [];
}

/// <summary>One team's figures on one day.</summary>
[GenerateSerializer, Alias("Incidents.ResponseTeamDay")]
public sealed class ResponseTeamDay
{
    [Id(0)] public Dictionary<Contracts.Response.ResponseMeasure, ResponseHistogram> Measures { get; set; } = [];

    [Id(1)] public long Breaches { get; set; }
}

[GenerateSerializer, Immutable, Alias("Incidents.ResponseBreach")]
public sealed record ResponseBreach([property: Id(0)] string IncidentId, [property: Id(1)] DateTimeOffset At);
