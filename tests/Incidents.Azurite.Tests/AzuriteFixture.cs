namespace Incidents.Azurite.Tests;

/// <summary>One Azurite shared by a test class: starting one takes seconds.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async ValueTask InitializeAsync() =>
        _azurite = await AzuriteProcess.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
