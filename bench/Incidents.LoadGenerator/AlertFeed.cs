using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Incidents.LoadGenerator;

/// <summary>One request's worth of alerts, as NDJSON, and what each item is.</summary>
public sealed class PreparedBatch
{
    public required int Number { get; init; }
    public required ReadOnlyMemory<byte> Body { get; init; }
    public required int Count { get; init; }

    /// <summary>Per item, the background host it is on, or -1 for a tracked alert.</summary>
    public required int[] BackgroundHosts { get; init; }

    /// <summary>The tracked alerts in the batch, with their place in it.</summary>
    public required IReadOnlyList<(int Item, TrackedAlert Alert)> Tracked { get; init; }
}

/// <summary>
/// Hands out the workload's alerts batch by batch, in stream order: background noise with the chain and exfil
/// alerts woven in where their <see cref="TrackedAlert.Fraction"/> says. Event time runs with the stream, from
/// <see cref="Workload.EventStart"/> over <see cref="Workload.EventSpan"/>. With a number of alerts, the place in the
/// stream is the progress, so the batches are the same on every run with the same options and seed; with a
/// duration, the time elapsed is, and the last batch carries whatever chain and exfil alerts are left.
/// Thread-safe: workers take batches as they go.
/// </summary>
public sealed class AlertFeed
{
    private static readonly (int Id, string Signature, string Category)[] NoiseSignatures =
    [
        (2_013_028, "ET POLICY curl User-Agent Outbound", "Attempted Information Leak"),
        (2_027_865, "ET INFO Observed DNS Query to .cloud TLD", "Potentially Bad Traffic"),
        (2_210_045, "SURICATA STREAM Packet with invalid ack", "Generic Protocol Command Decode"),
        (2_012_648, "ET POLICY Dropbox Client Broadcasting", "Potential Corporate Privacy Violation"),
        (2_025_275, "ET INFO Windows OS Submitting USB Metadata to Microsoft", "Misc activity"),
        (2_221_010, "SURICATA HTTP unable to match response to request", "Generic Protocol Command Decode"),
        (2_016_149, "ET INFO Session Traversal Utilities for NAT (STUN Binding Request)", "Attempted User Privilege Gain"),
        (2_033_966, "ET INFO Observed Discord Domain in DNS Lookup", "Misc activity"),
    ];

    private static readonly int[] NoisePorts = [443, 443, 443, 80, 53, 123, 8080];
    private static readonly TimeSpan SuricataOffset = TimeSpan.FromHours(-6);

    private readonly Workload workload;
    private readonly LoadOptions options;
    private readonly Random random;
    private readonly string[] noiseTitles;
    private readonly Lock gate = new();
    private int nextTracked;
    private long position;
    private long noise;
    private int batches;

    public AlertFeed(Workload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        this.workload = workload;
        options = workload.Options;
        random = new Random(options.Seed * 7919 + 1);
        noiseTitles = [.. NoiseSignatures.Select(s => $"{s.Signature} {workload.Tag}")];
    }

    /// <summary>Alerts handed out so far.</summary>
    public long Position
    {
        get
        {
            lock (gate)
            {
                return position;
            }
        }
    }

    /// <summary>
    /// The next batch, or null when the stream is done. <paramref name="elapsed"/> (0–1 and beyond) is the share of
    /// the duration gone; it is only read in a run with a duration.
    /// </summary>
    public PreparedBatch? Next(double elapsed)
    {
        Item[] items;
        int number;
        lock (gate)
        {
            items = options.Duration is null ? NextByCount() : NextByTime(elapsed);
            if (items.Length == 0)
            {
                return null;
            }

            number = batches++;
        }

        return Write(number, items);
    }

    private readonly record struct Item(int Host, TrackedAlert? Tracked, DateTimeOffset Time, long FlowId, int SourcePort, int Destination, int DestinationPort, int Signature);

    private Item[] NextByCount()
    {
        var total = options.Alerts;
        var count = (int)Math.Min(options.Batch, total - position);
        if (count <= 0)
        {
            return [];
        }

        var items = new Item[count];
        var trackedCount = workload.Tracked.Count;
        for (var i = 0; i < count; i++)
        {
            var progress = (double)position / total;
            var backgroundLeft = total - position - (trackedCount - nextTracked);
            var due = nextTracked < trackedCount && (workload.Tracked[nextTracked].Fraction <= progress || backgroundLeft <= 0);
            items[i] = NextItem(due, progress, 0);
        }

        return items;
    }

    private Item[] NextByTime(double elapsed)
    {
        var trackedCount = workload.Tracked.Count;
        if (elapsed >= 1)
        {
            // Time is up: whatever chain and exfil alerts are left go now, at the end of the event span.
            var left = Math.Min(options.Batch, trackedCount - nextTracked);
            return [.. Enumerable.Range(0, left).Select(i => NextItem(due: true, 1, i))];
        }

        var items = new Item[options.Batch];
        for (var i = 0; i < items.Length; i++)
        {
            var due = nextTracked < trackedCount && workload.Tracked[nextTracked].Fraction <= elapsed;
            items[i] = NextItem(due, elapsed, i);
        }

        return items;
    }

    private Item NextItem(bool due, double progress, int microseconds)
    {
        var time = workload.EventStart + Workload.EventSpan * Math.Min(progress, 1) + TimeSpan.FromMicroseconds(microseconds);
        var flowId = ((long)workload.RunNumber << 38) | position;
        position++;
        var sourcePort = random.Next(49_152, 65_536);
        if (due)
        {
            return new Item(-1, workload.Tracked[nextTracked++], time, flowId, sourcePort, 0, 0, 0);
        }

        var host = options.Sweep ? (int)(noise++ % options.Hosts) : random.Next(options.Hosts);
        return new Item(host, null, time, flowId, sourcePort, random.Next(1, 255),
            NoisePorts[random.Next(NoisePorts.Length)], random.Next(NoiseSignatures.Length));
    }

    private PreparedBatch Write(int number, Item[] items)
    {
        var buffer = new ArrayBufferWriter<byte>(items.Length * 640);
        var hosts = new int[items.Length];
        var tracked = new List<(int, TrackedAlert)>();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        Span<char> timestamp = stackalloc char[40];
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            hosts[i] = item.Host;
            if (item.Tracked is { } t)
            {
                tracked.Add((i, t));
            }

            // Suricata writes its local offset without a colon: 2017-03-25T16:49:58.856335-0600.
            item.Time.ToOffset(SuricataOffset).TryFormat(timestamp, out var written, "yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
            "-0600".AsSpan().CopyTo(timestamp[written..]);
            written += 5;

            writer.WriteStartObject();
            writer.WriteString("timestamp"u8, timestamp[..written]);
            writer.WriteNumber("flow_id"u8, item.FlowId);
            writer.WriteString("in_iface"u8, "eth1"u8);
            writer.WriteString("event_type"u8, "alert"u8);
            if (item.Tracked is { } alert)
            {
                WriteEndpoints(writer, alert.Source, item.SourcePort, alert.Destination, alert.DestinationPort);
                WriteAlert(writer, alert.SignatureId, alert.Title, alert.Category, alert.Severity, alert.Technique);
            }
            else
            {
                var (id, _, category) = NoiseSignatures[item.Signature];
                WriteEndpoints(writer, Workload.BackgroundHost(item.Host), item.SourcePort,
                    string.Create(CultureInfo.InvariantCulture, $"198.51.100.{item.Destination}"), item.DestinationPort);
                WriteAlert(writer, id, noiseTitles[item.Signature], category, 3, technique: null);
            }

            writer.WriteEndObject();
            writer.Flush();
            writer.Reset();
            buffer.Write("\n"u8);
        }

        return new PreparedBatch { Number = number, Body = buffer.WrittenMemory, Count = items.Length, BackgroundHosts = hosts, Tracked = tracked };
    }

    private static void WriteEndpoints(Utf8JsonWriter writer, string source, int sourcePort, string destination, int destinationPort)
    {
        writer.WriteString("src_ip"u8, source);
        writer.WriteNumber("src_port"u8, sourcePort);
        writer.WriteString("dest_ip"u8, destination);
        writer.WriteNumber("dest_port"u8, destinationPort);
        writer.WriteString("proto"u8, "TCP"u8);
    }

    private static void WriteAlert(Utf8JsonWriter writer, int signatureId, string signature, string category, int severity, string? technique)
    {
        writer.WriteStartObject("alert"u8);
        writer.WriteString("action"u8, "allowed"u8);
        writer.WriteNumber("gid"u8, 1);
        writer.WriteNumber("signature_id"u8, signatureId);
        writer.WriteNumber("rev"u8, 1);
        writer.WriteString("signature"u8, signature);
        writer.WriteString("category"u8, category);
        writer.WriteNumber("severity"u8, severity);
        if (technique is not null)
        {
            writer.WriteStartObject("metadata"u8);
            writer.WriteStartArray("mitre_technique_id"u8);
            writer.WriteStringValue(technique);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
