using Incidents.Contracts.Tenants;
using Incidents.Contracts.Triage;
using Incidents.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Triage;

/// <summary>
/// One shard of a tenant's rule book (<see cref="IRuleBookGrain"/>): a shell around <see cref="RuleBookRecord"/>.
/// Tallies are statistics, written behind; verdicts and answers to proposals are written before they are answered.
/// </summary>
/// <remarks>Calls only the tenant's suppressions grain, which calls nothing: no cycle.</remarks>
public sealed class RuleBookGrain(
    [PersistentState("rulebook", StorageNames.Lists)] IPersistentState<RuleBookState> state,
    IOptions<CorrelationOptions> correlation,
    IOptions<TriageOptions> options) : WriteBehindGrain<RuleBookState>(state, correlation.Value.StateWriteDelay), IRuleBookGrain
{
    private RuleBookRecord _record = null!;
    private string _tenant = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, var name) = TenantScoped.Split(this.GetPrimaryKeyString());
        _record = new RuleBookRecord(State, options.Value, int.Parse(name[(name.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task Tally(RuleTally[] tallies)
    {
        foreach (var tally in tallies)
        {
            _record.Tally(tally);
        }

        await StateChanged();
    }

    public Task<RuleKnowledge?> Knowledge(long knownVersion) =>
        Task.FromResult(knownVersion == _record.Version ? null : _record.Knowledge());

    public Task<RuleView[]> Rules() => Task.FromResult(_record.Views().ToArray());

    public async Task Judge(IncidentVerdict verdict)
    {
        _record.Judge(verdict);
        await WriteNow();
    }

    public Task<TriageProposal[]> Proposals() => Task.FromResult(_record.Proposals.ToArray());

    public async Task<ProposalOutcome> Decide(string proposalId, ProposalAnswer answer)
    {
        if (_record.Proposal(proposalId) is not { } proposal)
        {
            return new(ProposalResult.NotFound, null, null);
        }

        if (proposal.Status != ProposalStatus.Open)
        {
            return new(ProposalResult.AlreadyDecided, proposal, null);
        }

        Suppression? suppression = null;
        if (answer.Accept)
        {
            suppression = await GrainFactory.GetGrain<ISuppressionsGrain>(SuppressionSet.Key(_tenant)).Add(RuleBookRecord.SuppressionFor(proposal, answer));
            if (suppression is null)
            {
                return new(ProposalResult.SuppressionsFull, proposal, null);
            }
        }

        var decided = proposal with
        {
            Status = answer.Accept ? ProposalStatus.Accepted : ProposalStatus.Rejected,
            DecidedBy = answer.Author,
            DecidedAt = answer.At,
            Reason = answer.Reason,
            SuppressionId = suppression?.Id,
        };
        _record.Decided(decided);
        await WriteNow();
        return new(ProposalResult.Done, decided, suppression);
    }

    public Task<TriageDay[]> Totals() => Task.FromResult(_record.Totals().ToArray());
}
