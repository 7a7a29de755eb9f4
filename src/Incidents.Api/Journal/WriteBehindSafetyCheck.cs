using Microsoft.Extensions.Options;

namespace Incidents.Api.Journal;

/// <summary>
/// The API refuses to start with a journal retention that breaks <see cref="WriteBehindSafety"/> for the state write
/// delay configured here (or the silos' default), saying which settings.
/// </summary>
internal sealed class WriteBehindSafetyCheck(IConfiguration configuration) : IValidateOptions<JournalOptions>
{
    public ValidateOptionsResult Validate(string? name, JournalOptions options) =>
        WriteBehindSafety.Violation(options.Retention, WriteBehindSafety.WriteDelay(configuration), WriteBehindSafety.DefaultDeathDetection) is { } why
            ? ValidateOptionsResult.Fail(why)
            : ValidateOptionsResult.Success;
}
