using System.Text;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>ECS alert documents: the real Kibana alerts, and the dotted, nested and mixed spellings of ECS.</summary>
public sealed class EcsAlertTests
{
    [Fact]
    public void Kibana_endpoint_security_alert_field_by_field()
    {
        Assert.Single(EcsSamples.EndpointItems);
        var alert = Normalizing.Accepted(Normalizing.Default.Normalize(EcsSamples.EndpointItems[0].Span));
        Assert.Equal("elastic", alert.Source);
        Assert.Equal("Endpoint Security", alert.Title);
        Assert.Equal("7015a3e2-e4ea-11ed-8c11-49608884878f", alert.RuleId);
        Assert.Equal("eabbdefc23da981f2b74ab58b82622a97bb9878caa11bc914e2adfacc94780f1", alert.SourceId);
        Assert.Equal(DateTimeOffset.Parse("2023-04-27T11:03:57.906Z", System.Globalization.CultureInfo.InvariantCulture), alert.Time);
        Assert.Equal(Severity.Medium, alert.Severity);
        Assert.Equal("medium", alert.SourceSeverity);
        Assert.Equal("malware", alert.Category);
        Assert.Equal("Host-fwarau82er", alert.ObservedHost);
        Assert.Equal(["host-fwarau82er"], alert.Hosts);
        Assert.Equal("user1", alert.User);
        Assert.Null(alert.SourceEndpoint);
        Assert.Null(alert.DestinationEndpoint);
        Assert.Equal(
            [
                new Observable(ObservableKind.Ip, "10.249.37.72"), // host.ip, the first of three
                new Observable(ObservableKind.FileHash, "fake file md5"),
                new Observable(ObservableKind.FileHash, "fake file sha1"),
                new Observable(ObservableKind.FileHash, "fake file sha256"),
                new Observable(ObservableKind.File, "C:/fake_malware.exe"),
                new Observable(ObservableKind.Process, "C:/malware.exe"),
            ],
            alert.Observables);
    }

    [Fact]
    public void Kibana_indicator_match_alerts_are_accepted_on_their_hosts()
    {
        var alerts = EcsSamples.IndicatorMatchItems.Select(item => Normalizing.Accepted(Normalizing.Default.Normalize(item.Span))).ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Equal(["security-linux-1"], alerts[0].Hosts);
        Assert.Equal(["security-linux-3"], alerts[1].Hosts);
        Assert.All(alerts, alert =>
        {
            Assert.Equal("threat-match-rule", alert.Title);
            Assert.Equal("d2e9b850-a6fa-11ec-99b4-4d95ca76f836", alert.RuleId);
            Assert.Equal(Severity.Low, alert.Severity);
            Assert.Equal("low", alert.SourceSeverity);
            Assert.Null(alert.User);
        });
        Assert.Equal("f749117366e32b88f62b01f8fc9070480e06e604fe6413b8a4dbf38910823a4d", alerts[0].SourceId);
        Assert.NotEqual(alerts[0].Id, alerts[1].Id);
    }

    [Fact]
    public void A_bare_source_document_is_the_same_alert_as_its_hit()
    {
        foreach (var item in EcsSamples.EndpointItems.Concat(EcsSamples.IndicatorMatchItems))
        {
            var hit = JsonNode.Parse(item.ToArray())!;
            string source = hit["_source"]!.ToJsonString();
            var (fromHit, fromSource) = (Normalizing.Accepted(Normalizing.Default.Normalize(item.Span)), Normalizing.Accepted(source));
            Assert.Equal(fromHit.Id, fromSource.Id);
            Assert.Equal(fromHit.Fingerprint, fromSource.Fingerprint);
            Assert.Equal(fromHit.Observables, fromSource.Observables);
        }
    }

    [Fact]
    public void Without_an_alert_uuid_the_hit_id_is_the_source_id()
    {
        string item = OcsfJsonEdits.Without(Encoding.UTF8.GetString(EcsSamples.IndicatorMatchItems[1].Span), "_source/kibana.alert.uuid");
        Assert.Equal("ab8e0e674e9220cacec30eef777be624dd8f84b989c04c00b8f8b3361e76063c", Normalizing.Accepted(item).SourceId);
    }

    [Fact]
    public void Nested_dotted_and_mixed_spellings_give_the_same_alert()
    {
        const string nested = """
            {"@timestamp":"2026-11-27T10:00:00Z","event":{"kind":"signal"},
             "kibana":{"alert":{"uuid":"u-1","severity":"high","rule":{"name":"R","uuid":"r-1"}}},
             "host":{"name":"ws-1"},"user":{"name":"bob"}}
            """;
        const string dotted = """
            {"@timestamp":"2026-11-27T10:00:00Z","event.kind":"signal",
             "kibana.alert.uuid":"u-1","kibana.alert.severity":"high","kibana.alert.rule.name":"R","kibana.alert.rule.uuid":"r-1",
             "host.name":"ws-1","user.name":"bob"}
            """;
        const string mixed = """
            {"@timestamp":"2026-11-27T10:00:00Z","event":{"kind":"signal"},
             "kibana.alert":{"uuid":"u-1","rule.name":"R","rule":{"uuid":"r-1"}},"kibana.alert.severity":"high",
             "host":{"name":"ws-1"},"user.name":"bob"}
            """;
        var alerts = new[] { nested, dotted, mixed }.Select(item => Normalizing.Accepted(item)).ToList();
        Assert.All(alerts, alert =>
        {
            Assert.Equal(alerts[0].Id, alert.Id);
            Assert.Equal(alerts[0].Fingerprint, alert.Fingerprint);
            Assert.Equal("R", alert.Title);
            Assert.Equal("r-1", alert.RuleId);
            Assert.Equal(Severity.High, alert.Severity);
            Assert.Equal("bob", alert.User);
            Assert.Equal(["ws-1"], alert.Hosts);
        });
    }

    [Fact]
    public void Nested_ecs_alert_field_by_field()
    {
        var alert = Normalizing.Accepted(EcsSamples.NestedAlert);
        Assert.Equal("ET TROJAN Known C2", alert.Title);
        Assert.Equal("2024897", alert.RuleId);
        Assert.Null(alert.SourceId);
        Assert.Equal(alert.Fingerprint, alert.Id);
        Assert.Equal(Severity.High, alert.Severity); // event.severity 73 beats event.risk_score 80
        Assert.Equal("73", alert.SourceSeverity);
        Assert.Equal("intrusion_detection", alert.Category);
        Assert.Equal("TA0011", alert.Tactic);
        Assert.Equal("T1071.001", alert.Technique);
        Assert.Equal("tcp", alert.Protocol);
        Assert.Equal("WS-17", alert.ObservedHost);
        Assert.Equal(new NetworkEndpoint { Ip = "10.0.0.5", Port = 51234, IsInternal = true }, alert.SourceEndpoint);
        Assert.Equal(
            new NetworkEndpoint { Ip = "203.0.113.7", Port = 443, HostName = "c2.evil.example", IsInternal = false },
            alert.DestinationEndpoint);
        Assert.Equal(["ws-17", "10.0.0.5"], alert.Hosts);
        Assert.Equal(
            [
                new Observable(ObservableKind.Ip, "10.0.0.5"),
                new Observable(ObservableKind.Ip, "203.0.113.7"),
                new Observable(ObservableKind.Domain, "c2.evil.example"),
                new Observable(ObservableKind.FileHash, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                new Observable(ObservableKind.File, "/tmp/x.sh"),
                new Observable(ObservableKind.Process, "/usr/bin/curl"),
                new Observable(ObservableKind.Url, "https://c2.evil.example/beacon"),
            ],
            alert.Observables);
    }

    [Theory]
    [InlineData("0", Severity.Low)]
    [InlineData("21", Severity.Low)]
    [InlineData("21.5", Severity.Medium)]
    [InlineData("47", Severity.Medium)]
    [InlineData("48", Severity.High)]
    [InlineData("73", Severity.High)]
    [InlineData("74", Severity.Critical)]
    [InlineData("100", Severity.Critical)]
    [InlineData("\"informational\"", Severity.Info)]
    [InlineData("\"LOW\"", Severity.Low)]
    [InlineData("\"Critical\"", Severity.Critical)]
    public void Event_severity_maps_by_elastics_risk_bands_or_by_name(string literal, Severity expected)
    {
        string item = OcsfJsonEdits.WithLiteral(OcsfJsonEdits.Without(EcsSamples.NestedAlert, "event/risk_score"), "event/severity", literal);
        var alert = Normalizing.Accepted(item);
        Assert.Equal(expected, alert.Severity);
        Assert.Equal(literal.Trim('"'), alert.SourceSeverity);
    }

    [Fact]
    public void The_risk_score_decides_when_no_severity_is_given()
    {
        var alert = Normalizing.Accepted(OcsfJsonEdits.Without(EcsSamples.NestedAlert, "event/severity"));
        Assert.Equal(Severity.Critical, alert.Severity);
        Assert.Equal("80", alert.SourceSeverity);
    }

    [Fact]
    public void The_rules_threat_mapping_gives_tactic_and_technique()
    {
        string item = OcsfJsonEdits.Without(EcsSamples.NestedAlert, "threat");
        item = OcsfJsonEdits.With(item, "kibana.alert.rule.threat", JsonNode.Parse("""
            [{"framework":"MITRE ATT&CK","tactic":{"id":"TA0002","name":"Execution"},
              "technique":[{"id":"T1059","subtechnique":[{"id":"T1059.001"},{"id":"T1059.003"}]},{"id":"T1204"}]},
             {"framework":"MITRE ATT&CK","tactic":{"id":"TA0005"},"technique":[]}]
            """));
        var alert = Normalizing.Accepted(item);
        Assert.Equal("TA0002", alert.Tactic);
        Assert.Equal("T1059.001", alert.Technique);
    }

    [Theory]
    [InlineData("event", "ECS event.kind 'event' is not an alert (expected 'alert' or 'signal'); send events to /api/v1/events")]
    [InlineData("metric", "ECS event.kind 'metric' is not an alert (expected 'alert' or 'signal'); send events to /api/v1/events")]
    public void Other_event_kinds_are_refused(string kind, string expected)
    {
        Assert.Equal(expected, Normalizing.Rejected(OcsfJsonEdits.With(EcsSamples.NestedAlert, "event/kind", kind)));

        // Even when another field trips first: the kind is the reason that matters.
        string early = OcsfJsonEdits.With(OcsfJsonEdits.With(EcsSamples.NestedAlert, "event/kind", kind), "@timestamp", 1.5e300);
        Assert.Equal(expected, Normalizing.Rejected(early));
    }

    [Fact]
    public void Timestamp_may_be_epoch_milliseconds_and_original_time_stands_in()
    {
        var millis = Normalizing.Accepted(OcsfJsonEdits.With(EcsSamples.NestedAlert, "@timestamp", 1_764_237_600_123));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_764_237_600_123), millis.Time);

        string original = OcsfJsonEdits.With(
            OcsfJsonEdits.Without(EcsSamples.NestedAlert, "@timestamp"), "kibana.alert.original_time", "2026-11-27T09:59:00Z");
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 59, 0, TimeSpan.Zero), Normalizing.Accepted(original).Time);
    }

    [Fact]
    public void A_timestamp_without_an_offset_is_utc_as_elasticsearch_reads_it_unless_a_zone_is_set_and_is_marked()
    {
        string item = OcsfJsonEdits.With(EcsSamples.NestedAlert, "@timestamp", "2026-11-27T10:00:00.123");
        var utc = Normalizing.Accepted(item);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, 123, TimeSpan.Zero), utc.Time);
        Assert.True(utc.TimeOffsetAssumed);
        Assert.False(Normalizing.Accepted(EcsSamples.NestedAlert).TimeOffsetAssumed);

        var zoned = new AlertNormalizer(new NormalizerOptions { SourceTimeZones = SourceTimeZones.Parse([new("elastic", "-03:00")]) });
        var shifted = Normalizing.Accepted(zoned.Normalize(Encoding.UTF8.GetBytes(item)));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 13, 0, 0, 123, TimeSpan.Zero), shifted.Time);
        Assert.True(shifted.TimeOffsetAssumed);
    }

    [Fact]
    public void An_outside_domain_without_an_address_is_an_observable_not_a_host()
    {
        string item = OcsfJsonEdits.With(EcsSamples.NestedAlert, "destination", new JsonObject { ["domain"] = "evil.example", ["port"] = 443 });
        var alert = Normalizing.Accepted(item);
        Assert.Equal(new NetworkEndpoint { Port = 443, IsInternal = false }, alert.DestinationEndpoint);
        Assert.Contains(new Observable(ObservableKind.Domain, "evil.example"), alert.Observables);
        Assert.Equal(["ws-17", "10.0.0.5"], alert.Hosts);
    }

    [Fact]
    public void An_address_that_is_an_ip_stands_in_for_a_missing_ip()
    {
        string item = OcsfJsonEdits.With(EcsSamples.NestedAlert, "source", new JsonObject { ["address"] = "10.0.0.77" });
        Assert.Equal("10.0.0.77", Normalizing.Accepted(item).SourceEndpoint!.Ip);
    }

    [Fact]
    public void Same_bytes_give_the_same_ids_and_whitespace_does_not_matter()
    {
        var items = EcsSamples.EndpointItems.Concat(EcsSamples.IndicatorMatchItems)
            .Select(item => Encoding.UTF8.GetString(item.Span)).Append(EcsSamples.NestedAlert);
        Normalizing.AssertSameIds(items);
    }
}
