using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Incidents.Alerts.Formats;

/// <summary>
/// Walks one JSON object with a <see cref="Utf8JsonReader"/> and stops on the value of each field of a
/// <see cref="JsonPathTable"/>, whether the document nests it, dots it or mixes both; whatever is not on the way to a
/// known field is skipped unread. One pass, no allocation.
/// </summary>
/// <remarks>
/// Arrays of objects are walked into, element by element, under the same path (<c>threat[].technique[].id</c> is
/// <c>threat.technique.id</c>): the first occurrence of a field inside arrays is the one returned, later ones are
/// skipped, so a multi-valued field reads as its first value. Outside arrays, a known field given twice (say as
/// <c>host.name</c> and as <c>host:{name}</c>) is an error, as in every parser here: readers disagree on which
/// duplicate wins. A container given a scalar is the wrong type; null reads as absent.
/// <code>
/// var paths = new JsonPathReader(Table);
/// paths.Start(ref reader);                       // reader on the object's '{'
/// while (paths.Next(ref reader, out int field))  // reader on the field's value
/// {
///     ... read the value with JsonValues, naming it paths.Name; leave the reader on its last token ...
/// }                                              // reader on the object's '}'
/// </code>
/// </remarks>
internal ref struct JsonPathReader
{
    private readonly JsonPathTable _table;
    private PathBuffer _path;
    private FrameBuffer _frames;
    private int _depth;
    private int _arrayDepth;
    private ulong _seen;

    public JsonPathReader(JsonPathTable table)
    {
        _table = table;
        Name = "";
    }

    /// <summary>The current field's path, for error messages.</summary>
    public string Name { get; private set; }

    /// <summary>Fields returned so far, one bit per field id.</summary>
    public readonly ulong Seen => _seen;

    /// <summary>Begins at the object the reader stands on (its opening brace).</summary>
    public void Start(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidOperationException("the reader must stand on an object's opening brace");
        }

        _depth = 0;
        _arrayDepth = 0;
        _seen = 0;
        Push(0, isArray: false);
    }

    /// <summary>
    /// Moves to the value of the next known field and returns true with its id; false at the end of the object
    /// passed to <see cref="Start"/>, with the reader on its closing brace. The caller must leave the reader on the
    /// value's last token (as the <see cref="JsonValues"/> readers do, or with <see cref="Utf8JsonReader.Skip"/>).
    /// </summary>
    public bool Next(ref Utf8JsonReader reader, out int field)
    {
        while (_depth > 0)
        {
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    Pop();
                    break;
                case JsonTokenType.PropertyName:
                    int length = AppendName(ref reader, BaseLength(_depth - 1));
                    reader.Read();
                    Span<char> path = _path;
                    if (length < 0 || !_table.TryFind(path[..length], out var entry))
                    {
                        reader.Skip();
                        break;
                    }

                    if (entry.Kind == JsonPathKind.Leaf)
                    {
                        if (IsLaterValue(entry))
                        {
                            reader.Skip();
                            break;
                        }

                        Name = entry.Name;
                        field = entry.Field;
                        return true;
                    }

                    Open(ref reader, entry.Kind == JsonPathKind.Rebase ? 0 : length, entry.Name);
                    break;
                default:
                    // An element of an array of containers: walked under the array's own path.
                    Open(ref reader, BaseLength(_depth - 1), name: null);
                    break;
            }
        }

        field = -1;
        return false;
    }

    // Marks a leaf seen. Seen before, it is a later value of a multi-valued field inside arrays (the first one
    // stands: true), or else a duplicate.
    private bool IsLaterValue(in JsonPathEntry entry)
    {
        ulong bit = 1UL << entry.Field;
        if ((_seen & bit) == 0)
        {
            _seen |= bit;
            return false;
        }

        return _arrayDepth > 0 ? true : throw AlertErrors.Duplicate(entry.Name);
    }

    private void Open(ref Utf8JsonReader reader, int baseLength, string? name)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                Push(baseLength, isArray: false);
                break;
            case JsonTokenType.StartArray:
                Push(baseLength, isArray: true);
                break;
            case JsonTokenType.Null:
                break;
            default:
                throw AlertErrors.WrongType(name ?? ContainerName(baseLength), "an object", reader.TokenType);
        }
    }

    private string ContainerName(int baseLength)
    {
        Span<char> path = _path;
        return baseLength == 0 ? "(the item)" : _table.MessagePrefix + new string(path[..baseLength]);
    }

    // The path of the current member: its container's path, a dot, and its name unescaped; -1 when it cannot be
    // one of the table's (too long, or not text).
    private int AppendName(ref Utf8JsonReader reader, int baseLength)
    {
        Span<char> path = _path;
        int start = baseLength == 0 ? 0 : baseLength + 1;

        // UTF-8 takes at least one byte per UTF-16 char, and escapes only shrink: the raw length bounds the text.
        if (reader.ValueSpan.Length > path.Length - start)
        {
            return -1;
        }

        if (baseLength > 0)
        {
            path[baseLength] = '.';
        }

        try
        {
            return start + reader.CopyString(path[start..]);
        }
        catch (InvalidOperationException)
        {
            return -1; // an escaped lone surrogate: no field is called that
        }
    }

    // A frame is a container being walked: the length of its path, negated (minus one) for an array.
    private void Push(int baseLength, bool isArray)
    {
        Span<int> frames = _frames;
        frames[_depth++] = isArray ? -baseLength - 1 : baseLength;
        if (isArray)
        {
            _arrayDepth++;
        }
    }

    private void Pop()
    {
        Span<int> frames = _frames;
        if (frames[--_depth] < 0)
        {
            _arrayDepth--;
        }
    }

    private int BaseLength(int frame)
    {
        Span<int> frames = _frames;
        int value = frames[frame];
        return value < 0 ? -value - 1 : value;
    }

    [InlineArray(JsonPathTable.MaxPathLength)]
    private struct PathBuffer
    {
        private char _element;
    }

    // The reader refuses documents deeper than JsonValues.MaxDepth, so no walk needs more frames.
    [InlineArray(JsonValues.MaxDepth + 1)]
    private struct FrameBuffer
    {
        private int _element;
    }
}
