namespace Incidents.Alerts;

/// <summary>The outcome for one item: exactly one of <see cref="Event"/> and <see cref="Error"/> is non-null.</summary>
/// <param name="Event">The normalised context event, when the item was accepted.</param>
/// <param name="Error">A short reason naming the field, when it was not, e.g. <c>missing required field 'ts'</c>.</param>
public readonly record struct ContextEventResult(ContextEvent? Event, string? Error)
{
    public bool IsSuccess => Event is not null;

    public static ContextEventResult Success(ContextEvent contextEvent) =>
        new(contextEvent ?? throw new ArgumentNullException(nameof(contextEvent)), null);

    public static ContextEventResult Failure(string error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
