using System.Security.Cryptography;
using Incidents.Contracts.Access;
using Incidents.Grains.Storage;

namespace Incidents.Grains.Access;

/// <summary>One issued key. Its state is written before it answers: a key issued or revoked is so on every instance at once.</summary>
public sealed class ApiKeyGrain(
    [PersistentState("key", StorageNames.Incidents)] IPersistentState<ApiKeyState> state) : Grain, IApiKeyGrain
{
    public async Task<bool> Issue(ApiKeyInfo key, byte[] secretHash)
    {
        if (state.State.Key is not null)
        {
            return false;
        }

        state.State.Key = key;
        state.State.SecretHash = secretHash;
        await state.WriteStateAsync();
        return true;
    }

    public async Task<ApiKeyInfo?> Revoke(DateTimeOffset at)
    {
        if (state.State.Key is not { } key)
        {
            return null;
        }

        if (key.Revoked is null)
        {
            state.State.Key = key with { Revoked = at };
            await state.WriteStateAsync();
        }

        return state.State.Key;
    }

    public Task<ApiKeyInfo?> Check(byte[] secretHash) => Task.FromResult(
        state.State.Key is { } key && CryptographicOperations.FixedTimeEquals(secretHash, state.State.SecretHash) ? key : null);
}
