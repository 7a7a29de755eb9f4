namespace Incidents.Alerts.Formats;

/// <summary>
/// An item that cannot become an alert. Thrown deep inside the parsers, where returning errors through every
/// reader call would bury the logic, and turned into <see cref="NormalizeResult.Error"/> by
/// <see cref="AlertNormalizer"/>; it never leaves the library.
/// </summary>
internal sealed class InvalidAlertException(string message) : Exception(message);
