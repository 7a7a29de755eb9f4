using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>OCSF findings: the real Prowler and Security Lake records, and a hand-written EDR finding field by field.</summary>
public sealed class OcsfAlertTests
{
    private const string AuthenticationReason = "OCSF class 3002 (Authentication) is not a finding; send it to /api/v1/events";

    [Fact]
    public void The_five_prowler_aws_findings_are_accepted_with_their_titles_and_severities()
    {
        var alerts = Accept(OcsfSamples.AwsItems);
        Assert.Equal(5, alerts.Count);
        Assert.Equal(4, alerts.Count(a => a.Severity == Severity.Medium));
        Assert.Equal(1, alerts.Count(a => a.Severity == Severity.Low));
        AssertMatchesSource(OcsfSamples.ProwlerAws, alerts);
    }

    [Fact]
    public void The_five_prowler_azure_findings_are_accepted_with_their_titles_and_severities()
    {
        var alerts = Accept(OcsfSamples.AzureItems);
        Assert.Equal(5, alerts.Count);
        Assert.Equal(1, alerts.Count(a => a.Severity == Severity.High));
        Assert.Equal(3, alerts.Count(a => a.Severity == Severity.Medium));
        Assert.Equal(1, alerts.Count(a => a.Severity == Severity.Low));
        AssertMatchesSource(OcsfSamples.ProwlerAzure, alerts);
    }

    [Fact]
    public void A_cloud_finding_is_attributed_to_its_resource()
    {
        var aws = Accept(OcsfSamples.AwsItems);
        Assert.Equal("<resource_uid>", aws[0].ObservedHost);
        Assert.Equal(["<resource_uid>"], aws[0].Hosts);
        Assert.Equal("arn:aws:iam::<account_uid>:root", aws[1].ObservedHost);
        Assert.Equal(["arn:aws:iam::<account_uid>:root"], aws[1].Hosts);

        var azure = Accept(OcsfSamples.AzureItems)[0];
        Assert.Equal("AppInsights", azure.ObservedHost);
        Assert.Equal(["appinsights"], azure.Hosts); // a host key, lowercase
        Assert.Null(azure.SourceEndpoint);
        Assert.Null(azure.DestinationEndpoint);
    }

    [Fact]
    public void First_prowler_aws_finding_field_by_field()
    {
        var alert = Accept(OcsfSamples.AwsItems)[0];
        Assert.Equal("prowler", alert.Source);
        Assert.Equal("<finding_uid>", alert.SourceId);
        Assert.Equal("Check if IAM Access Analyzer is enabled", alert.Title);
        Assert.Equal("accessanalyzer_enabled", alert.RuleId); // metadata.event_code: Prowler's check id
        Assert.Equal(Severity.Low, alert.Severity);
        Assert.Equal("Low", alert.SourceSeverity);
        Assert.Equal("IAM", alert.Category); // finding_info.types[0], more telling than category_name "Findings"

        // Prowler writes seconds where OCSF says milliseconds; 1739539623 is read as seconds.
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_739_539_623), alert.Time);
        Assert.Empty(alert.Observables);
    }

    [Fact]
    public void Prowler_placeholder_finding_uids_give_one_id_but_each_finding_keeps_its_own_fingerprint()
    {
        // Prowler's examples replace finding uids with "<finding_uid>"; real output has distinct ones.
        var alerts = Accept(OcsfSamples.AwsItems).Concat(Accept(OcsfSamples.AzureItems)).ToList();
        Assert.Equal(9, alerts.Count(a => a.SourceId == "<finding_uid>"));
        Assert.Single(alerts.Where(a => a.SourceId == "<finding_uid>").Select(a => a.Id).Distinct());
        Assert.Equal(10, alerts.Select(a => a.Fingerprint).Distinct().Count());
    }

    [Fact]
    public void The_four_security_lake_authentication_records_are_sent_to_events()
    {
        Assert.Equal(4, OcsfSamples.AuthenticationItems.Count);
        Assert.All(OcsfSamples.AuthenticationItems, item =>
            Assert.Equal(AuthenticationReason, Normalizing.Rejected(Normalizing.Default.Normalize(item.Span))));
    }

    [Fact]
    public void Security_hub_2001_findings_whose_control_passed_are_refused_as_no_alert()
    {
        // Both records say compliance.status "PASSED": the security group passed control EC2.19. A posture scanner
        // reports every check it ran; a passed one is nothing for an analyst to triage.
        Assert.Equal(2, OcsfSamples.SecurityHubItems.Count);
        Assert.All(OcsfSamples.SecurityHubItems, item => Assert.Equal(
            "the OCSF finding reports a passed check (compliance.status 'PASSED'); only failed checks and detections are alerts",
            Normalizing.Rejected(Normalizing.Default.Normalize(item.Span))));
    }

    [Fact]
    public void Security_hub_2001_findings_that_failed_are_accepted_as_one_finding_generated_then_updated()
    {
        var alerts = OcsfSamples.SecurityHubItems
            .Select(item => Normalizing.Accepted(OcsfJsonEdits.With(Encoding.UTF8.GetString(item.Span), "compliance/status", "FAILED")))
            .ToList();
        Assert.All(alerts, alert =>
        {
            Assert.Equal("security hub", alert.Source);
            Assert.Equal("EC2.19 Security groups should not allow unrestricted access to ports with high risk", alert.Title);
            Assert.Equal(Severity.Info, alert.Severity);
            Assert.Equal("Informational", alert.SourceSeverity);
            Assert.Equal("aws-foundational-security-best-practices/v/1.0.0/EC2.19", alert.RuleId); // the control
            Assert.Equal(
                "arn:aws:securityhub:us-east-1:123456789100:subscription/cis-aws-foundations-benchmark/v/1.2.0/3.9/finding/randomsample",
                alert.SourceId);

            // resources comes as {"array":[...]}, the Parquet LIST wrapper; its first resource is the host.
            Assert.Equal(["arn:aws:ec2:us-east-1:123456789100:security-group/sg-1234567899900"], alert.Hosts);
            Assert.StartsWith("Software and Configuration Checks/", alert.Category, StringComparison.Ordinal);
        });

        // The same finding uid: one alert id; the update (time 1659636559100 ms) is another delivery.
        Assert.Equal(alerts[0].Id, alerts[1].Id);
        Assert.NotEqual(alerts[0].Fingerprint, alerts[1].Fingerprint);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_659_636_559_100), alerts[0].Time);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_635_449_619_417), alerts[1].Time);
    }

    [Theory]
    [InlineData("status_code", "PASS", "status_code 'PASS'")]
    [InlineData("status_code", "pass", "status_code 'pass'")]
    [InlineData("compliance", """{"status":"Pass"}""", "compliance.status 'Pass'")]
    [InlineData("compliance", """{"status_id":1,"status":"Pass"}""", "compliance.status 'Pass'")]
    [InlineData("compliance", """{"status_id":1}""", "compliance.status_id 1")]
    public void Passed_checks_are_refused(string path, string value, string reason)
    {
        var node = value.StartsWith('{') ? JsonNode.Parse(value) : JsonValue.Create(value);
        Assert.Equal(
            $"the OCSF finding reports a passed check ({reason}); only failed checks and detections are alerts",
            Normalizing.Rejected(OcsfJsonEdits.With(OcsfSamples.EdrFinding, path, node)));
    }

    [Theory]
    [InlineData("status_code", "FAIL")]
    [InlineData("status_code", "MANUAL")]
    [InlineData("compliance", """{"status_id":3,"status":"Fail"}""")]
    public void Failed_and_manual_checks_are_alerts(string path, string value)
    {
        var node = value.StartsWith('{') ? JsonNode.Parse(value) : JsonValue.Create(value);
        Assert.True(Normalizing.Normalize(OcsfJsonEdits.With(OcsfSamples.EdrFinding, path, node)).IsSuccess);
    }

    [Fact]
    public void Edr_detection_finding_field_by_field()
    {
        var alert = Normalizing.Accepted(OcsfSamples.EdrFinding);
        Assert.Equal("falcon", alert.Source);
        Assert.Equal("f-42", alert.SourceId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_764_237_600_123), alert.Time);
        Assert.Equal("Credential dumping", alert.Title);
        Assert.Equal("R-17", alert.RuleId); // the analytic beats metadata.event_code
        Assert.Equal(Severity.High, alert.Severity);
        Assert.Equal("High", alert.SourceSeverity);
        Assert.Equal("Credential Access", alert.Category);
        Assert.Equal("TA0006", alert.Tactic);
        Assert.Equal("T1003.001", alert.Technique); // the sub-technique when there is one
        Assert.Equal("tcp", alert.Protocol);
        Assert.Equal("WS-17", alert.ObservedHost);
        Assert.Equal("alice", alert.User);
        Assert.Equal(new NetworkEndpoint { Ip = "10.0.0.5", Port = 51234, IsInternal = true }, alert.SourceEndpoint);
        Assert.Equal(
            new NetworkEndpoint { Ip = "203.0.113.7", Port = 443, HostName = "c2.evil.example", IsInternal = false },
            alert.DestinationEndpoint);
        Assert.Equal(["ws-17", "10.0.0.5"], alert.Hosts);
        Assert.Equal(
            [
                new Observable(ObservableKind.Ip, "10.0.0.5"),
                new Observable(ObservableKind.Ip, "203.0.113.7"),
                new Observable(ObservableKind.FileHash, "d41d8cd98f00b204e9800998ecf8427e"),
                new Observable(ObservableKind.User, "alice"),
                new Observable(ObservableKind.FileHash, "ab12"),
                new Observable(ObservableKind.FileHash, "cd34"),
                new Observable(ObservableKind.Url, "https://c2.evil.example/x"),
                new Observable(ObservableKind.Domain, "c2.evil.example"),
                new Observable(ObservableKind.File, "C:\\Temp\\lsass.dmp"),
                new Observable(ObservableKind.Process, "C:\\Tools\\mimikatz.exe"),
            ],
            alert.Observables);
    }

    [Theory]
    [InlineData(0, Severity.Info)]
    [InlineData(1, Severity.Info)]
    [InlineData(2, Severity.Low)]
    [InlineData(3, Severity.Medium)]
    [InlineData(4, Severity.High)]
    [InlineData(5, Severity.Critical)]
    [InlineData(6, Severity.Critical)]
    [InlineData(99, Severity.Medium)]
    public void Severity_ids_map_to_the_one_scale(int severityId, Severity expected)
    {
        string item = OcsfJsonEdits.Without(OcsfJsonEdits.With(OcsfSamples.EdrFinding, "severity_id", severityId), "severity");
        var alert = Normalizing.Accepted(item);
        Assert.Equal(expected, alert.Severity);
        Assert.Equal(severityId.ToString(CultureInfo.InvariantCulture), alert.SourceSeverity);
    }

    [Theory]
    [InlineData("Informational", Severity.Info)]
    [InlineData("fatal", Severity.Critical)]
    [InlineData("Other", Severity.Medium)]
    public void Severity_caption_alone_is_read(string caption, Severity expected)
    {
        string item = OcsfJsonEdits.With(OcsfJsonEdits.Without(OcsfSamples.EdrFinding, "severity_id"), "severity", caption);
        var alert = Normalizing.Accepted(item);
        Assert.Equal(expected, alert.Severity);
        Assert.Equal(caption, alert.SourceSeverity);
    }

    [Theory]
    [InlineData(4001L, "OCSF class 4001 is not supported")]
    [InlineData(3002L, AuthenticationReason)]
    [InlineData(0L, "OCSF class 0 is not supported")]
    public void Classes_that_are_not_findings_are_refused_with_the_reason(long classUid, string expected)
    {
        string error = Normalizing.Rejected(OcsfJsonEdits.With(OcsfSamples.EdrFinding, "class_uid", classUid));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_class_reason_wins_over_an_earlier_field_error()
    {
        var record = JsonNode.Parse(OcsfSamples.AuthenticationItems[0].ToArray())!.AsObject();
        var reordered = new JsonObject { ["time"] = "yesterday" }; // a wrong type, before class_uid
        foreach (var (key, value) in record.ToList())
        {
            record.Remove(key);
            if (key != "time")
            {
                reordered[key] = value;
            }
        }

        Assert.Equal(AuthenticationReason, Normalizing.Rejected(reordered.ToJsonString()));
    }

    [Fact]
    public void Time_is_milliseconds_or_seconds_else_the_finding_creation_time()
    {
        var seconds = Normalizing.Accepted(OcsfJsonEdits.With(OcsfSamples.EdrFinding, "time", 1_764_237_600));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_764_237_600), seconds.Time);

        var created = Normalizing.Accepted(OcsfJsonEdits.Without(OcsfSamples.EdrFinding, "time"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_764_237_500_000), created.Time);
    }

    [Fact]
    public void Without_a_device_or_resource_the_cloud_account_and_region_is_the_host()
    {
        string item = OcsfJsonEdits.Without(OcsfSamples.EdrFinding, "device", "src_endpoint");
        item = OcsfJsonEdits.With(item, "cloud", new JsonObject
        {
            ["provider"] = "AWS",
            ["region"] = "us-east-1",
            ["account"] = new JsonObject { ["uid"] = "123456789012" },
        });
        Assert.Equal(["123456789012/us-east-1"], Normalizing.Accepted(item).Hosts);
    }

    [Fact]
    public void A_device_with_only_an_address_is_the_host_by_its_address()
    {
        string item = OcsfJsonEdits.With(OcsfSamples.EdrFinding, "device", new JsonObject { ["ip"] = "::ffff:10.9.8.7" });
        var alert = Normalizing.Accepted(item);
        Assert.Equal("10.9.8.7", alert.ObservedHost);
        Assert.Equal(["10.9.8.7", "10.0.0.5"], alert.Hosts);
    }

    [Fact]
    public void An_outside_host_name_without_an_address_is_an_observable_not_a_host()
    {
        string item = OcsfJsonEdits.Without(OcsfSamples.EdrFinding, "device", "src_endpoint");
        item = OcsfJsonEdits.With(item, "dst_endpoint", new JsonObject { ["hostname"] = "Evil.Example", ["port"] = 443 });
        Assert.Equal("the alert names no internal host (src and dst are outside the internal networks)", Normalizing.Rejected(item));

        var withDevice = Normalizing.Accepted(OcsfJsonEdits.With(item, "device", new JsonObject { ["hostname"] = "ws-1" }));
        Assert.Equal(new NetworkEndpoint { Port = 443, IsInternal = false }, withDevice.DestinationEndpoint);
        Assert.Contains(new Observable(ObservableKind.Domain, "evil.example"), withDevice.Observables);
        Assert.Equal(["ws-1"], withDevice.Hosts);
    }

    [Fact]
    public void Security_finding_2001_reads_finding_not_finding_info()
    {
        var item = JsonNode.Parse(OcsfSamples.EdrFinding)!.AsObject();
        item["class_uid"] = 2001;
        var findingInfo = item["finding_info"]!.AsObject();
        item.Remove("finding_info");
        findingInfo.Remove("analytic");
        findingInfo.Remove("attacks");
        item["finding"] = findingInfo;
        var alert = Normalizing.Accepted(item.ToJsonString());
        Assert.Equal("Credential dumping", alert.Title);
        Assert.Equal("f-42", alert.SourceId);
        Assert.Equal("ev-7", alert.RuleId);
        Assert.Null(alert.Technique);
        Assert.Equal(
            "missing required field 'finding.title'",
            Normalizing.Rejected(OcsfJsonEdits.Without(item.ToJsonString(), "finding/title", "message")));
    }

    [Fact]
    public void Attacks_at_the_top_level_are_read_too()
    {
        var item = JsonNode.Parse(OcsfSamples.EdrFinding)!.AsObject();
        item["finding_info"]!.AsObject().Remove("attacks");
        item["attacks"] = JsonNode.Parse("""[{"tactics":[{"uid":"TA0008"}],"technique":{"uid":"T1021.002"}}]""");
        var alert = Normalizing.Accepted(item.ToJsonString());
        Assert.Equal("TA0008", alert.Tactic);
        Assert.Equal("T1021.002", alert.Technique);
    }

    [Fact]
    public void Same_bytes_give_the_same_ids_and_whitespace_does_not_matter()
    {
        var items = OcsfSamples.AwsItems.Concat(OcsfSamples.AzureItems)
            .Select(item => Encoding.UTF8.GetString(item.Span)).Append(OcsfSamples.EdrFinding);
        Normalizing.AssertSameIds(items);
    }

    private static List<Alert> Accept(IReadOnlyList<ReadOnlyMemory<byte>> items) =>
        [.. items.Select(item => Normalizing.Accepted(Normalizing.Default.Normalize(item.Span)))];

    private static void AssertMatchesSource(string file, List<Alert> alerts)
    {
        using var document = JsonDocument.Parse(SharedData.Bytes(file));
        int index = 0;
        foreach (var finding in document.RootElement.EnumerateArray())
        {
            var alert = alerts[index++];
            Assert.Equal("prowler", alert.Source);
            Assert.Equal(finding.GetProperty("finding_info").GetProperty("title").GetString(), alert.Title);
            Assert.Equal(finding.GetProperty("severity").GetString(), alert.SourceSeverity);
            Assert.Equal(finding.GetProperty("metadata").GetProperty("event_code").GetString(), alert.RuleId);
            string resource = finding.GetProperty("resources")[0].GetProperty("uid").GetString()!;
            Assert.Equal(resource, alert.ObservedHost);
            Assert.Equal([resource.ToLowerInvariant()], alert.Hosts);
        }
    }
}
