using System.Globalization;
using Incidents.Contracts.Incidents;

namespace Incidents.Api.Incidents;

/// <summary>
/// How far a feed reader has read each of the tenant's 16 queue shards: <c>epoch:seq</c> for each, in shard order,
/// joined by '.'; the SSE event id, so that a reader reconnecting to any API instance with <c>Last-Event-ID</c> goes on
/// where it stopped. An epoch of '-' means "from now".
/// </summary>
internal sealed class FeedPosition
{
    private const int EpochLength = 8;
    private readonly string?[] _epochs = new string?[IncidentIndex.Shards];
    private readonly long[] _seqs = new long[IncidentIndex.Shards];

    public (string? Epoch, long Seq) this[int shard] => (_epochs[shard], _seqs[shard]);

    public void Set(int shard, string epoch, long seq) => (_epochs[shard], _seqs[shard]) = (epoch, seq);

    public override string ToString() =>
        string.Join('.', Enumerable.Range(0, IncidentIndex.Shards).Select(i => string.Create(CultureInfo.InvariantCulture, $"{_epochs[i] ?? "-"}:{_seqs[i]}")));

    public static bool TryParse(string? text, out FeedPosition position)
    {
        position = new FeedPosition();
        if (string.IsNullOrEmpty(text))
        {
            return true; // from now
        }

        var parts = text.Length > 400 ? [] : text.Split('.');
        if (parts.Length != IncidentIndex.Shards)
        {
            return false;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var pair = parts[i].Split(':');
            if (pair.Length != 2 || !long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            {
                return false;
            }

            if (pair[0] == "-")
            {
                continue;
            }

            if (pair[0].Length != EpochLength || !pair[0].All(char.IsAsciiHexDigitLower))
            {
                return false;
            }

            position.Set(i, pair[0], seq);
        }

        return true;
    }
}
