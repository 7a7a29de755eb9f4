using Incidents.Contracts.Response;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Response;

/// <summary>
/// A tenant's response figures (<see cref="IResponseStatsGrain"/>): the rules are <see cref="ResponseAggregate"/>'s.
/// Written behind: figures, not records. Calls nothing.
/// </summary>
public sealed class ResponseStatsGrain(
    [PersistentState("response-stats", StorageNames.Incidents)] IPersistentState<ResponseStatsState> state,
    IOptions<ResponseStatsOptions> options,
    TimeProvider time,
    ResponseMetrics metrics)
    : WriteBehindGrain<ResponseStatsState>(state, TimeSpan.FromSeconds(10)), IResponseStatsGrain
{
    private ResponseAggregate? _aggregate;

    private ResponseAggregate Aggregate => _aggregate ??= new ResponseAggregate(State, options.Value.DaysKept);

    public Task Record(ResponseMilestone milestone)
    {
        if (Aggregate.Record(milestone, time.GetUtcNow()) is not { } team)
        {
            return Task.CompletedTask; // a repeat, or older than the days kept
        }

        metrics.Counted(milestone, team);
        return StateChanged();
    }

    public Task<ResponseReport> Report(ResponseQuery query) => Task.FromResult(Aggregate.Report(query));
}
