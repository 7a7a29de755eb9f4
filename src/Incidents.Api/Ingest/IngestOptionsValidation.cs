using Incidents.Alerts;
using Microsoft.Extensions.Options;

namespace Incidents.Api.Ingest;

/// <summary>
/// The API refuses to start with internal networks or source time zones it cannot read, rather than answer the first
/// batch with a 500 when the normaliser is first built.
/// </summary>
public sealed class IngestOptionsValidation : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var failures = new List<string>();
        try
        {
            InternalNetworks.Parse(options.InternalNetworks);
        }
        catch (FormatException e)
        {
            failures.Add($"'{IngestOptions.Section}:InternalNetworks': {e.Message}");
        }

        try
        {
            SourceTimeZones.Parse(options.SourceTimeZones);
        }
        catch (FormatException e)
        {
            failures.Add($"'{IngestOptions.Section}:SourceTimeZones': {e.Message}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
