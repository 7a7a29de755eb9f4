using System.Text.Json.Nodes;

namespace Incidents.Alerts.Tests;

/// <summary>Native-schema items for the tests: the full example from the schema, and varied valid ones.</summary>
internal static class NativeSamples
{
    public const string FullExample = """
        {
          "source": "CrowdStrike",
          "sourceId": "abc-123",
          "time": "2026-11-27T10:00:00Z",
          "title": "Mimikatz credential dump",
          "ruleId": "R-17",
          "severity": "high",
          "category": "credential-access",
          "tactic": "TA0006",
          "technique": "T1003.001",
          "protocol": "TCP",
          "src": { "ip": "10.0.0.5", "port": 51234, "hostName": "WS-17", "user": "alice" },
          "dst": { "ip": "10.0.0.9", "port": 445, "hostName": "fs-01", "user": null },
          "host": "ws-17",
          "user": "alice",
          "observables": [
            { "type": "domain", "value": "Evil.Example" },
            { "type": "hash", "value": "D41D8CD98F00B204E9800998ECF8427E" },
            { "type": "ip", "value": "::ffff:203.0.113.7" },
            { "type": "process", "value": "C:\\Tools\\mimikatz.exe" },
            { "type": "domain", "value": "evil.example" }
          ],
          "raw": { "event_simpleName": "ProcessRollup2", "nested": [1, 2, { "deep": true }] },
          "vendorExtra": 42
        }
        """;

    /// <summary>A minimal valid item, as a node to vary.</summary>
    public static JsonObject Minimal() => new()
    {
        ["source"] = "edr",
        ["time"] = "2026-11-27T10:00:00Z",
        ["title"] = "Suspicious process",
        ["severity"] = "medium",
        ["host"] = "ws-1",
    };

    /// <summary>Twenty valid items that between them use every field and form of the schema.</summary>
    public static IReadOnlyList<string> Varied()
    {
        string[] severities = ["info", "LOW", "Medium", "high", "critical"];
        string[] types = ["ip", "domain", "url", "hash", "process", "email", "user", "file"];
        string[] values = ["198.51.100.4", "bad.example", "https://bad.example/x", "e3b0c44298fc1c149afbf4c8996fb924", "powershell.exe", "eve@bad.example", "bob", "/tmp/x.sh"];
        var items = new List<string>();
        for (int i = 0; i < 20; i++)
        {
            var item = Minimal();
            item["sourceId"] = i % 3 == 0 ? null : $"id-{i}";
            item["title"] = $"Alert number {i}";
            item["severity"] = i % 2 == 0 ? severities[i % 5] : JsonValue.Create(i % 5);
            item["time"] = i % 4 == 0 ? JsonValue.Create(1_764_237_600 + i) : $"2026-11-27T10:00:{i:00}.{i}-0{i % 9}00";
            item["ruleId"] = $"R-{i}";
            item["technique"] = i % 2 == 0 ? $"T10{i:00}" : $"T10{i:00}.00{i % 10}";
            item["tactic"] = $"TA00{i:00}";
            item["protocol"] = i % 2 == 0 ? "tcp" : "udp";
            item["src"] = new JsonObject { ["ip"] = $"10.1.{i}.5", ["port"] = 40_000 + i, ["user"] = "alice" };
            item["dst"] = i % 5 == 0
                ? new JsonObject { ["hostName"] = $"srv-{i}" }
                : new JsonObject { ["ip"] = i % 2 == 0 ? $"203.0.113.{i}" : $"fd00::{i:x}", ["port"] = 443 };
            if (i % 3 == 0)
            {
                item.Remove("host");
            }

            item["observables"] = new JsonArray(
                new JsonObject { ["type"] = types[i % 8], ["value"] = values[i % 8] },
                new JsonObject { ["type"] = types[(i + 3) % 8], ["value"] = values[(i + 3) % 8] });
            item["raw"] = new JsonObject { ["original"] = i, ["list"] = new JsonArray(1, "two", null) };
            items.Add(item.ToJsonString());
        }

        return items;
    }
}
