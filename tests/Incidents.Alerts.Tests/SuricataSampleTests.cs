using System.Text.Json;

namespace Incidents.Alerts.Tests;

/// <summary>Real input no one on this project wrote: every alert must be accepted and attributed to the right hosts.</summary>
public sealed class SuricataSampleTests
{
    private static readonly Lazy<IReadOnlyList<Alert>> Alerts = new(() =>
        SuricataSamples.Items.Select(item => Normalizing.Accepted(Normalizing.Default.Normalize(item.Span))).ToList());

    [Fact]
    public void The_file_splits_into_161_items_and_all_normalise()
    {
        Assert.Equal(161, SuricataSamples.Items.Count);
        Assert.Equal(161, Alerts.Value.Count);
        Assert.All(Alerts.Value, alert => Assert.Equal("suricata", alert.Source));
    }

    [Fact]
    public void Each_alert_has_its_own_id()
    {
        Assert.Equal(161, Alerts.Value.Select(a => a.Id).Distinct().Count());
        Assert.All(Alerts.Value, alert =>
        {
            Assert.Matches("^[0-9a-f]{32}$", alert.Id);
            Assert.Equal(alert.Fingerprint, alert.Id); // Suricata gives no id of its own
        });
    }

    [Fact]
    public void Severities_map_from_suricatas_reversed_scale()
    {
        var counts = Alerts.Value.GroupBy(a => a.Severity).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(56, counts[Severity.High]);
        Assert.Equal(50, counts[Severity.Medium]);
        Assert.Equal(55, counts[Severity.Low]);
        Assert.Equal(3, counts.Count);
        Assert.All(Alerts.Value, a => Assert.Equal(
            a.Severity switch { Severity.High => "1", Severity.Medium => "2", _ => "3" }, a.SourceSeverity));
    }

    [Fact]
    public void First_alert_field_by_field()
    {
        var alert = Alerts.Value[0];
        Assert.Equal("ET CHAT IRC authorization message", alert.Title);
        Assert.Equal("2000355", alert.RuleId);
        Assert.Equal(Severity.Low, alert.Severity);
        Assert.Equal("3", alert.SourceSeverity);
        Assert.Equal("Misc activity", alert.Category);
        Assert.Equal(new DateTimeOffset(2017, 3, 25, 22, 49, 58, TimeSpan.Zero).AddTicks(8_563_350), alert.Time);
        Assert.Equal(TimeSpan.FromHours(-6), alert.Time.Offset);
        Assert.Equal("tcp", alert.Protocol);
        Assert.Null(alert.SourceId);
        Assert.Null(alert.Tactic);
        Assert.Null(alert.Technique);
        Assert.Null(alert.ObservedHost);
        Assert.Equal(new NetworkEndpoint { Ip = "84.92.227.177", Port = 6668, IsInternal = false }, alert.SourceEndpoint);
        Assert.Equal(new NetworkEndpoint { Ip = "10.192.19.6", Port = 57966, IsInternal = true }, alert.DestinationEndpoint);
        Assert.Equal(["10.192.19.6"], alert.Hosts);
        Assert.Equal(
            [new Observable(ObservableKind.Ip, "84.92.227.177"), new Observable(ObservableKind.Ip, "10.192.19.6")],
            alert.Observables);
        Assert.Equal(SuricataSamples.Items[0].ToArray(), System.Text.Encoding.UTF8.GetBytes(alert.Raw!));
    }

    [Fact]
    public void Internal_to_internal_alert_lists_destination_then_source()
    {
        var alert = Alerts.Value[1];
        Assert.Equal("ET POLICY Cisco Device in Config Mode", alert.Title);
        Assert.Equal(["10.192.0.158", "10.47.1.2"], alert.Hosts);
        Assert.True(alert.SourceEndpoint!.IsInternal);
        Assert.True(alert.DestinationEndpoint!.IsInternal);
    }

    [Fact]
    public void Alerts_from_the_same_flow_differ_by_rule()
    {
        var (first, second) = (Alerts.Value[1], Alerts.Value[2]);
        Assert.Equal(first.Time, second.Time);
        Assert.Equal(first.SourceEndpoint, second.SourceEndpoint);
        Assert.Equal("2001240", second.RuleId);
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
    }

    [Fact]
    public void Outbound_alert_is_routed_to_the_internal_source()
    {
        var alert = Alerts.Value[9];
        Assert.Equal("2002023", alert.RuleId);
        Assert.Equal(["10.192.19.6"], alert.Hosts);
        Assert.False(alert.DestinationEndpoint!.IsInternal);
    }

    [Fact]
    public void Severity_1_alert_is_high()
    {
        var alert = Alerts.Value[13];
        Assert.Equal("ET CHAT Google Talk (Jabber) Client Login", alert.Title);
        Assert.Equal(Severity.High, alert.Severity);
        Assert.Equal("1", alert.SourceSeverity);
        Assert.Equal(DateTimeOffset.Parse("2017-03-24T23:22:18.763993Z", System.Globalization.CultureInfo.InvariantCulture), alert.Time);
        Assert.Equal(["10.192.88.98"], alert.Hosts);
    }

    [Fact]
    public void Http_alert_has_domain_and_url_observables()
    {
        var alert = Alerts.Value[16];
        Assert.Equal("2006380", alert.RuleId);
        Assert.Equal(
            [
                new Observable(ObservableKind.Ip, "10.10.8.168"),
                new Observable(ObservableKind.Ip, "169.55.0.224"),
                new Observable(ObservableKind.Domain, "www.internetdownloadmanager.com"),
                new Observable(ObservableKind.Url, "http://www.internetdownloadmanager.com/data/update623.txt?v=628b1"),
            ],
            alert.Observables);
        Assert.Equal(new NetworkEndpoint { Ip = "169.55.0.224", Port = 80, IsInternal = false }, alert.DestinationEndpoint);
        Assert.Equal(["10.10.8.168"], alert.Hosts);
    }

    [Fact]
    public void Udp_broadcast_alert_is_routed_to_its_source()
    {
        var alert = Alerts.Value[18];
        Assert.Equal("udp", alert.Protocol);
        Assert.Equal(["10.93.1.1"], alert.Hosts);
    }

    [Fact]
    public void Every_alert_matches_its_source_fields()
    {
        using var document = JsonDocument.Parse(SharedData.Bytes(SuricataSamples.File));
        int index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var alert = Alerts.Value[index++];
            var rule = element.GetProperty("alert");
            Assert.Equal(rule.GetProperty("signature").GetString(), alert.Title);
            Assert.Equal(rule.GetProperty("signature_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), alert.RuleId);
            Assert.Equal(rule.GetProperty("category").GetString(), alert.Category);
            Assert.Equal(element.GetProperty("src_ip").GetString(), alert.SourceEndpoint!.Ip);
            Assert.Equal(element.GetProperty("dest_port").GetInt32(), alert.DestinationEndpoint!.Port);
            Assert.Equal(
                DateTimeOffset.ParseExact(element.GetProperty("timestamp").GetString()!, "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture),
                alert.Time);
            Assert.NotEmpty(alert.Hosts);
        }
    }
}
