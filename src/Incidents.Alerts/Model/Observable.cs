namespace Incidents.Alerts;

public enum ObservableKind
{
    Ip = 0,
    Domain = 1,
    Url = 2,
    FileHash = 3,
    Process = 4,
    Email = 5,
    User = 6,
    File = 7,
}

/// <summary>A value an analyst may pivot on, or enrichment may look up.</summary>
public sealed record Observable(ObservableKind Kind, string Value);
