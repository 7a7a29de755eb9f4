using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Incidents.Api.Tests;

/// <summary>
/// A team's webhook receiver on a free local port, verifying each delivery as the README tells a receiver to (its own
/// few lines, not the product's code), and keeping what it took.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookReceiver(string secret)
    {
        Secret = secret;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(Listen);
    }

    public string Url { get; }

    public string Secret { get; }

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    /// <summary>The deliveries about one incident, in the order taken.</summary>
    public IReadOnlyList<Delivery> Of(string incidentId) => [.. Deliveries.Where(d => (string?)d.Body["incidentId"] == incidentId)];

    private async Task Listen()
    {
        while (_listener.IsListening)
        {
            try
            {
                var context = await _listener.GetContextAsync();
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var headers = context.Request.Headers;
                Deliveries.Enqueue(new Delivery(headers["X-Incidents-Event-Id"] ?? "", JsonNode.Parse(body)!.AsObject(),
                    Verify(headers["X-Incidents-Timestamp"], headers["X-Incidents-Signature"], body)));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException or IOException)
            {
                if (!_listener.IsListening)
                {
                    return;
                }
            }
        }
    }

    // As the README has it: v1= the hex HMAC-SHA256 of "{timestamp}.{body}", the timestamp within five minutes.
    private bool Verify(string? timestamp, string? signature, string body)
    {
        if (timestamp is null || signature is null || !long.TryParse(timestamp, out var seconds))
        {
            return false;
        }

        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        return Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) <= 300
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

public sealed record Delivery(string EventId, JsonObject Body, bool Verified)
{
    public string Kind => (string)Body["kind"]!;

    public string Team => (string)Body["team"]!;

    public string Level => (string)Body["level"]!;
}
