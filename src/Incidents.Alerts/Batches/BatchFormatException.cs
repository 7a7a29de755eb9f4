namespace Incidents.Alerts;

/// <summary>The body as a whole cannot be split into items (it is not JSON, or has too many items).</summary>
public sealed class BatchFormatException(string message) : Exception(message);
