namespace Incidents.Alerts.Formats;

/// <summary>
/// An item that cannot become an alert. Thrown deep inside the parsers, where returning errors through every
/// reader call would bury the logic, and turned into the result's error (<see cref="NormalizeResult.Error"/>,
/// <see cref="ContextEventResult.Error"/>) by <see cref="ItemNormalizing"/>; it never leaves the library.
/// </summary>
internal sealed class InvalidAlertException(string message) : Exception(message);
