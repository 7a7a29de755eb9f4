namespace Incidents.Alerts;

/// <summary>How a request body holds its items.</summary>
public enum BatchForm
{
    /// <summary>One JSON object, or a JSON array of items.</summary>
    Json = 0,

    /// <summary>Newline-delimited JSON: one item per non-blank line.</summary>
    NdJson = 1,
}
