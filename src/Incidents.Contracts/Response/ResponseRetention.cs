namespace Incidents.Contracts.Response;

/// <summary>How long response figures are kept (<c>Incidents:Response:DaysKept</c>): the silo keeps them, the API refuses to ask before them.</summary>
public static class ResponseRetention
{
    public const string Section = "Incidents:Response";

    public const string DaysKeptKey = Section + ":DaysKept";

    public const int DaysKeptDefault = 400;
}
