using System.Globalization;

namespace Incidents.Correlation.Benchmarks;

/// <summary>Command lines of whole-number options (<c>--name value</c>, <c>1_000</c> and <c>1,000</c> allowed); shared with the memory bench.</summary>
internal static class BenchArguments
{
    /// <summary>
    /// Applies each pair to <paramref name="options"/> through <paramref name="set"/>, which answers null for a name it
    /// does not know; throws <see cref="ArgumentException"/> with what is wrong.
    /// </summary>
    public static T Parse<T>(IReadOnlyList<string> args, T options, Func<T, string, int, T?> set) where T : class
    {
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            if (i + 1 >= args.Count || !int.TryParse(args[i + 1].Replace("_", "", StringComparison.Ordinal),
                    NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
            {
                throw new ArgumentException($"{name} needs a whole number");
            }

            options = set(options, name, value) ?? throw new ArgumentException($"unknown option {name}");
        }

        return options;
    }

    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
