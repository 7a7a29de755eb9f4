using System.Collections.Frozen;

namespace Incidents.Alerts.Formats;

/// <summary>What a path in a <see cref="JsonPathTable"/> stands for.</summary>
internal enum JsonPathKind
{
    /// <summary>A field the parser reads: <see cref="JsonPathReader.Next"/> stops on its value.</summary>
    Leaf,

    /// <summary>An object (or an array of objects) on the way to a leaf: the reader walks into it.</summary>
    Container,

    /// <summary>An object whose members are read as if they stood at the top (an Elasticsearch hit's <c>_source</c>).</summary>
    Rebase,
}

/// <summary>One path of a <see cref="JsonPathTable"/>.</summary>
/// <param name="Name">The path as error messages say it (with the table's message prefix).</param>
internal readonly record struct JsonPathEntry(JsonPathKind Kind, int Field, string Name);

/// <summary>
/// The fields a parser reads, by dotted path (<c>host.name</c>, <c>kibana.alert.rule.name</c>), for
/// <see cref="JsonPathReader"/>. Every prefix of a path at a dot is a container, so a document may spell a field as
/// nested objects (<c>{"host":{"name":…}}</c>), as one dotted key (<c>{"host.name":…}</c>), or mixed
/// (<c>{"kibana.alert":{"rule.name":…}}</c>); all three find the same field. Several paths may share one field id
/// (aliases such as <c>id.orig_h</c> and <c>id_orig_h</c>). Built once per parser; lookups allocate nothing.
/// </summary>
internal sealed class JsonPathTable
{
    /// <summary>Field ids are bits of a 64-bit mask in the reader.</summary>
    public const int MaxFields = 64;

    /// <summary>No path here is longer; a longer one in a document cannot be a known field and is skipped.</summary>
    public const int MaxPathLength = 128;

    private readonly FrozenDictionary<string, JsonPathEntry>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <param name="fields">Each leaf path with its field id (0..63).</param>
    /// <param name="rebasePath">A top-level member whose own members are read as top-level ones, e.g. <c>_source</c>.</param>
    /// <param name="messagePrefix">Put before every path in error messages, e.g. <c>evidences[].</c> for an element's table.</param>
    public JsonPathTable(IEnumerable<(string Path, int Field)> fields, string? rebasePath = null, string messagePrefix = "")
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(messagePrefix);
        MessagePrefix = messagePrefix;
        var entries = new Dictionary<string, JsonPathEntry>(StringComparer.Ordinal);
        foreach (var (path, field) in fields)
        {
            if (string.IsNullOrEmpty(path) || path.Length > MaxPathLength)
            {
                throw new ArgumentException($"path '{path}' is empty or longer than {MaxPathLength}", nameof(fields));
            }

            ArgumentOutOfRangeException.ThrowIfNegative(field, nameof(fields));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(field, MaxFields, nameof(fields));
            Add(entries, path, new JsonPathEntry(JsonPathKind.Leaf, field, messagePrefix + path));
            for (int dot = path.IndexOf('.', StringComparison.Ordinal); dot > 0; dot = path.IndexOf('.', dot + 1))
            {
                string prefix = path[..dot];
                Add(entries, prefix, new JsonPathEntry(JsonPathKind.Container, -1, messagePrefix + prefix));
            }
        }

        if (rebasePath is not null)
        {
            Add(entries, rebasePath, new JsonPathEntry(JsonPathKind.Rebase, -1, messagePrefix + rebasePath));
        }

        _lookup = entries.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string MessagePrefix { get; }

    public bool TryFind(ReadOnlySpan<char> path, out JsonPathEntry entry) => _lookup.TryGetValue(path, out entry);

    private static void Add(Dictionary<string, JsonPathEntry> entries, string path, JsonPathEntry entry)
    {
        if (entries.TryGetValue(path, out var existing))
        {
            if (existing.Kind == JsonPathKind.Container && entry.Kind == JsonPathKind.Container)
            {
                return;
            }

            throw new ArgumentException($"path '{path}' is given twice, or is both a field and a container");
        }

        entries.Add(path, entry);
    }
}
