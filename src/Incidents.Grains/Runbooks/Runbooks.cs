using System.Globalization;
using System.Text.RegularExpressions;
using Incidents.Contracts.Runbooks;

namespace Incidents.Grains.Runbooks;

/// <summary>
/// Reads a runbook's markdown: a <c># Title</c> line first, then one <c>- [ ] step</c> line per step; blank lines and
/// prose between are ignored, but a list item that is not a task is an error (a step lost silently is worse than a
/// file refused). Each step's id is the category and its number, so an incident's ticks survive a silo's restart.
/// </summary>
public static partial class Runbooks
{
    public const int MaxSteps = 50;
    public const int MaxStepLength = 500;
    public const int MaxTitleLength = 200;

    /// <summary>The runbook for an incident none of whose categories has one.</summary>
    public const string DefaultCategory = "default";

    public static bool IsCategory(string? category) => category is not null && CategoryPattern().IsMatch(category);

    public static string TaskId(string category, int index) => string.Create(CultureInfo.InvariantCulture, $"{category}-{index + 1}");

    /// <exception cref="FormatException">The file is not a runbook; the message says which line and why.</exception>
    public static Runbook Parse(string category, string markdown)
    {
        if (!IsCategory(category))
        {
            throw new FormatException($"'{Shown(category)}' is not a category: lower-case letters, digits and '-', at most 63 characters.");
        }

        string? title = null;
        var steps = new List<RunbookStep>();
        var lines = markdown.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (title is null)
            {
                title = line.StartsWith("# ", StringComparison.Ordinal) ? line[2..].Trim()
                    : throw Bad(n, "a runbook starts with its '# Title'");
                Check(n, title, "the title", MaxTitleLength);
            }
            else if (line.StartsWith("- [ ]", StringComparison.Ordinal))
            {
                var text = line[5..].Trim();
                Check(n, text, "a step", MaxStepLength);
                if (steps.Count == MaxSteps)
                {
                    throw Bad(n, $"a runbook has at most {MaxSteps} steps");
                }

                steps.Add(new RunbookStep(TaskId(category, steps.Count), text));
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal))
            {
                throw Bad(n, "a step is written '- [ ] what to do'");
            }
        }

        return title is null ? throw new FormatException("The runbook is empty.")
            : steps.Count == 0 ? throw new FormatException("The runbook has no '- [ ] step' lines.")
            : new Runbook(category, title, steps);
    }

    private static void Check(int n, string text, string what, int maxLength)
    {
        if (text.Length == 0)
        {
            throw Bad(n, $"{what} is empty");
        }

        if (text.Length > maxLength)
        {
            throw Bad(n, $"{what} is at most {maxLength} characters");
        }

        if (text.Any(char.IsControl))
        {
            throw Bad(n, $"{what} holds a control character");
        }
    }

    private static FormatException Bad(int n, string why) => new(string.Create(CultureInfo.InvariantCulture, $"Line {n + 1}: {why}."));

    private static string Shown(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryPattern();
}
