using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>OCSF: Security Lake's CloudTrail Authentication records (rc.2 naming), and findings sent here by mistake.</summary>
public sealed class ContextEventOcsfTests
{
    private const string SecurityLake = "ocsf/security-lake-cloudtrail-authentication.ndjson";
    private const string FindingIsAnAlert = "a finding is an alert; send it to /api/v1/alerts";

    /// <summary>
    /// All four are AWS sign-ins from AWS documentation addresses (192.0.2.0, 192.0.2.101: TEST-NET-1, RFC 5737),
    /// to a console URL or nothing: no host of the estate takes part. Each names its account, so each is a cloud
    /// sign-in, kept on the account alone: no hosts, the source address as the provider wrote it.
    /// </summary>
    [Fact]
    public void The_security_lake_sign_ins_are_cloud_sign_ins_of_their_accounts()
    {
        var events = ContextNormalizing.AllAccepted(SecurityLake);

        Assert.Equal(4, events.Count);
        Assert.All(events, e =>
        {
            Assert.Empty(e.Hosts);
            Assert.Equal("cloudtrail", e.Source);
            Assert.False(e.SourceEndpoint!.IsInternal);
            Assert.Null(e.DestinationEndpoint); // svc_name is a URL, not a host
        });
        Assert.Equal(
            [("anaya", "192.0.2.0", (bool?)true), ("anaya", "192.0.2.0", true), ("anaya", "192.0.2.0", false), ("johndoe-ec2-dev", "192.0.2.101", null)],
            events.Select(e => (e.User!, e.SourceEndpoint!.Ip!, e.Success)));
        Assert.Equal(4, events.Select(e => e.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("""{"class_uid":3002,"time":1700000000000,"metadata":{"product":{"name":"okta"}},"src_endpoint":{"ip":"198.51.100.7"}}""", "the event names no internal host (source and destination are outside the internal networks) and no account")]
    [InlineData("""{"class_uid":3002,"time":1700000000000,"metadata":{"product":{"name":"okta"}},"user":{"name":"-"},"src_endpoint":{"ip":"198.51.100.7"}}""", "the event names no internal host (source and destination are outside the internal networks) and no account")]
    [InlineData("""{"class_uid":3002,"time":1700000000000,"metadata":{"product":{"name":"okta"}},"actor":{"user":{"name":" "}}}""", "the event names no internal host (it has no source or destination) and no account")]
    public void A_sign_in_with_neither_an_internal_host_nor_an_account_is_refused_for_both(string json, string error) =>
        Assert.Equal(error, ContextNormalizing.Rejected(json));

    [Fact]
    public void A_cloud_sign_in_needs_no_address_and_keeps_its_account_checked()
    {
        var bare = ContextNormalizing.Accepted("""{"class_uid":3002,"time":1700000000000,"metadata":{"product":{"name":"Okta"}},"user":{"name":"Pat@Example.com"}}""");
        Assert.Empty(bare.Hosts);
        Assert.Equal("pat@example.com", bare.User);
        Assert.Null(bare.SourceEndpoint);

        Assert.Equal(
            "the user holds a control character",
            ContextNormalizing.Rejected("""{"class_uid":3002,"time":1700000000000,"metadata":{"product":{"name":"okta"}},"user":{"name":"pat\u0007"},"src_endpoint":{"ip":"198.51.100.7"}}"""));
    }

    [Fact]
    public void Other_formats_still_refuse_an_event_that_names_no_internal_host() =>
        Assert.Equal(
            "the event names no internal host (source and destination are outside the internal networks)",
            ContextNormalizing.Rejected("""{"_path":"kerberos","ts":1588205199.8,"uid":"C1","id.orig_h":"8.8.8.8","id.orig_p":1,"id.resp_h":"1.1.1.1","id.resp_p":88,"client":"bob/CORP","success":true}"""));

    [Fact]
    public void With_internal_addresses_the_security_lake_sign_ins_are_read()
    {
        var events = ContextNormalizing.Lines(SecurityLake).Select(line =>
        {
            var root = JsonNode.Parse(line)!.AsObject();
            root["src_endpoint"]!["ip"] = "10.20.30.40";
            return ContextNormalizing.Accepted(root.ToJsonString());
        }).ToList();

        Assert.All(events, e =>
        {
            Assert.Equal("cloudtrail", e.Source);
            Assert.Equal("Logon", e.Detail);
            Assert.Equal(["10.20.30.40"], e.Hosts);
            Assert.Null(e.DestinationEndpoint); // svc_name is a URL, not a host
            Assert.Null(e.Protocol);
        });

        Assert.Equal(ContextEventKind.Logon, events[0].Kind);
        Assert.True(events[0].Success);
        Assert.Equal("anaya", events[0].User); // user has no name in rc.2: the actor's user
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1668097474000), events[0].Time);

        Assert.Equal(ContextEventKind.LogonFailed, events[2].Kind);
        Assert.False(events[2].Success);
        Assert.Equal("anaya", events[2].User);

        // AssumeRole: status "Other" (0). The logon activity is asserted, the outcome is not given.
        Assert.Equal(ContextEventKind.Logon, events[3].Kind);
        Assert.Null(events[3].Success);
        Assert.Equal("johndoe-ec2-dev", events[3].User); // the role session authenticated, not the actor

        // Each has a metadata.uid: the ids are the source's own.
        Assert.Equal(4, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.NotEqual(e.Fingerprint, e.Id));
    }

    [Fact]
    public void An_on_premises_authentication_reads_in_full()
    {
        var e = ContextNormalizing.Accepted("""
            {"class_uid":3002,"activity_id":1,"activity_name":"Logon","time":1700000000123,"status_id":2,"status":"Failure",
             "metadata":{"product":{"name":"Microsoft Windows","vendor_name":"Microsoft"},"uid":"evt-1"},
             "user":{"name":"Bob","domain":"CORP.EXAMPLE"},"auth_protocol":"Kerberos",
             "src_endpoint":{"ip":"10.1.2.3","hostname":"WS-17.corp.example","port":51234},
             "dst_endpoint":{"ip":"10.1.0.10","hostname":"DC01.corp.example","port":88}}
            """);

        Assert.Equal("microsoft windows", e.Source);
        Assert.Equal(ContextEventKind.LogonFailed, e.Kind);
        Assert.False(e.Success);
        Assert.Equal(@"corp\bob", e.User);
        Assert.Equal("kerberos", e.Protocol);
        Assert.Equal("ws-17", e.SourceEndpoint!.HostName);
        Assert.Equal(51234, e.SourceEndpoint.Port);
        Assert.Equal("dc01", e.DestinationEndpoint!.HostName);
        Assert.Equal(["dc01", "ws-17"], e.Hosts);
    }

    [Theory]
    [InlineData("ocsf/prowler-aws-detection-finding.json", 5)]
    [InlineData("ocsf/prowler-azure-detection-finding.json", 5)]
    public void Prowler_findings_are_refused_as_alerts(string file, int count)
    {
        var items = AlertBatch.Split(SharedData.Bytes(file), BatchForm.Json);

        Assert.Equal(count, items.Count);
        Assert.All(items, item => Assert.Equal(FindingIsAnAlert, ContextNormalizing.Rejected(ContextNormalizing.Default.Normalize(item.Span))));
    }

    [Fact]
    public void Security_hub_findings_of_the_older_class_are_refused_as_alerts()
    {
        var results = ContextNormalizing.NormalizeFile("ocsf/security-lake-securityhub-security-finding.ndjson");

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(FindingIsAnAlert, ContextNormalizing.Rejected(r.Result)));
    }

    [Theory]
    [InlineData("""{"class_uid":4001,"time":1700000000000}""", "OCSF class 4001 is not Authentication (3002); it is not used as a context event")]
    [InlineData("""{"class_uid":3002,"activity_id":2,"time":1700000000000,"metadata":{"product":{"name":"x"}},"src_endpoint":{"ip":"10.0.0.1"}}""", "an OCSF Authentication logoff (activity_id 2) is not a logon; it is not used as a context event")]
    [InlineData("""{"class_uid":"3002","time":1700000000000}""", "'class_uid' must be an integer, not a string")]
    [InlineData("""{"class_uid":3002,"metadata":{"product":{"name":"x"}},"src_endpoint":{"ip":"10.0.0.1"}}""", "missing required field 'time'")]
    [InlineData("""{"class_uid":3002,"time":1700000000000,"src_endpoint":{"ip":"10.0.0.1"}}""", "missing required field 'metadata.product.name'")]
    [InlineData("""{"class_uid":3002,"time":1700000000,"metadata":{"product":{"name":"x"}},"src_endpoint":{"ip":"10.0.0.1"},"x":"1700000000 is 1970 in milliseconds, fine"}""", null)]
    [InlineData("""{"class_uid":3002,"time":-1,"metadata":{"product":{"name":"x"}}}""", "'time' is not epoch milliseconds in 1970..2100: '-1'")]
    [InlineData("""{"class_uid":3002,"time":1.5,"metadata":{"product":{"name":"x"}}}""", "'time' is not an integer: '1.5'")]
    [InlineData("""{"class_uid":3002,"time":1700000000000,"metadata":{"product":{"name":"x"}},"src_endpoint":{"ip":"localhost"}}""", "'src_endpoint.ip' is not an IP address: 'localhost'")]
    [InlineData("""{"class_uid":3002,"time":1700000000000,"metadata":{"product":{"name":"x"}},"dst_endpoint":{"port":-1}}""", "'dst_endpoint.port' is not a port number (0..65535): '-1'")]
    [InlineData("""{"class_uid":3002,"time":1700000000000,"metadata":{"product":{"name":"x"}},"user":"bob"}""", "'user' must be an object, not a string")]
    [InlineData("""{"class_uid":3002,"time":1700000000000,"metadata":{"product":{"name":"x"}},"actor":{"user":{"name":1}}}""", "'actor.user.name' must be a string, not a number")]
    [InlineData("""{"class_uid":3002,"time":1700000000000,"metadata":{"product":{"name":"x"}}}""", "the event names no internal host (it has no source or destination) and no account")]
    public void Bad_ocsf_fields_are_named(string json, string? error)
    {
        if (error is null)
        {
            ContextNormalizing.Accepted(json);
        }
        else
        {
            Assert.Equal(error, ContextNormalizing.Rejected(json));
        }
    }
}
