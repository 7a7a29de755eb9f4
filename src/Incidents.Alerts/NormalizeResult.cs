namespace Incidents.Alerts;

/// <summary>The outcome for one item: exactly one of <see cref="Alert"/> and <see cref="Error"/> is non-null.</summary>
/// <param name="Alert">The normalised alert, when the item was accepted.</param>
/// <param name="Error">A short reason naming the field, when it was not, e.g. <c>missing required field 'title'</c>.</param>
public readonly record struct NormalizeResult(Alert? Alert, string? Error)
{
    public bool IsSuccess => Alert is not null;

    public static NormalizeResult Success(Alert alert) => new(alert ?? throw new ArgumentNullException(nameof(alert)), null);

    public static NormalizeResult Failure(string error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
