using Incidents.Contracts.Access;
using Incidents.Contracts.Tenants;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Access;

/// <summary>
/// The installation's tenants and issued keys. Bounded: at most <see cref="MaxTenants"/> tenants and
/// <see cref="MaxKeys"/> keys; a new key past the limit pushes out the oldest revoked or expired one, or is refused.
/// </summary>
public sealed class TenantRegistryGrain(
    [PersistentState("tenants", StorageNames.Incidents)] IPersistentState<TenantRegistryState> state,
    TimeProvider time) : Grain, ITenantRegistryGrain
{
    public const int MaxTenants = 1_000;
    public const int MaxKeys = ITenantRegistryGrain.MaxKeys;

    private static readonly Tenant Default = new(TenantScoped.DefaultTenant, "Default", DateTimeOffset.UnixEpoch, "installation");

    private TenantRegistryState State => state.State;

    public async Task<Tenant?> AddTenant(Tenant tenant)
    {
        if (tenant.Id == Default.Id || State.Tenants.ContainsKey(tenant.Id) || State.Tenants.Count >= MaxTenants)
        {
            return null;
        }

        State.Tenants[tenant.Id] = tenant;
        await state.WriteStateAsync();
        return tenant;
    }

    public Task<IReadOnlyList<Tenant>> Tenants() =>
        Task.FromResult<IReadOnlyList<Tenant>>([Default, .. State.Tenants.Values.OrderBy(t => t.Created)]);

    public async Task<KeyIssue> IssueKey(ApiKeyInfo key, byte[] secretHash)
    {
        if (key.TenantId != Default.Id && !State.Tenants.ContainsKey(key.TenantId))
        {
            return new KeyIssue(null, $"There is no tenant '{key.TenantId}'.");
        }

        if (State.Keys.Count >= MaxKeys && !DropOneSpentKey())
        {
            return new KeyIssue(null, $"The installation holds {MaxKeys} keys, none revoked or expired: revoke some first.");
        }

        if (!await GrainFactory.GetGrain<IApiKeyGrain>(key.Id).Issue(key, secretHash))
        {
            return new KeyIssue(null, "A key with this id exists already; ask again.");
        }

        State.Keys[key.Id] = key;
        await state.WriteStateAsync();
        return new KeyIssue(key, null);
    }

    public Task<IReadOnlyList<ApiKeyInfo>> Keys(string? tenantId) => Task.FromResult<IReadOnlyList<ApiKeyInfo>>(
        [.. State.Keys.Values.Where(k => tenantId is null || k.TenantId == tenantId).OrderBy(k => k.Created)]);

    public Task<bool> HasKey(string id) => Task.FromResult(State.Keys.ContainsKey(id));

    public async Task<ApiKeyInfo?> RevokeKey(string id, DateTimeOffset at)
    {
        if (!State.Keys.ContainsKey(id))
        {
            return null;
        }

        // The key's grain first: once it answers, no instance accepts the key, whatever happens to this list.
        if (await GrainFactory.GetGrain<IApiKeyGrain>(id).Revoke(at) is not { } revoked)
        {
            return null;
        }

        State.Keys[id] = revoked;
        await state.WriteStateAsync();
        return revoked;
    }

    private bool DropOneSpentKey()
    {
        var now = time.GetUtcNow();
        if (State.Keys.Values.Where(k => !k.IsValidAt(now)).OrderBy(k => k.Created).FirstOrDefault() is not { } spent)
        {
            return false;
        }

        State.Keys.Remove(spent.Id);
        return true;
    }
}
