using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Incidents.Contracts.Escalation;
using Microsoft.Extensions.Options;

namespace Incidents.Grains.Escalation;

/// <summary>One attempt to hand, in memory only: the secret is read from the webhooks grain for it and never stored here.</summary>
public sealed class DeliveryWork(string deliveryId, EscalationNotice notice, string url, WebhookFormat format, string secret)
{
    public string DeliveryId => deliveryId;
    public EscalationNotice Notice => notice;
    public string Url => url;
    public WebhookFormat Format => format;
    internal string Secret => secret;
}

/// <summary>
/// Sends one signed delivery. Its own <see cref="SocketsHttpHandler"/>, not the factory's clients: the service
/// defaults give those a resilience handler whose retries would hide behind the outbox's own counts, and a proxy or a
/// redirect would step around the address rule. Every address a webhook's name resolves to is checked when the
/// connection is made (<see cref="WebhookUrls.IsAllowed"/>), so that a name that turns internal later is refused.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _deadline;

    public WebhookSender(IOptions<EscalationWebhookOptions> options, TimeProvider time)
    {
        var allowPrivate = options.Value.AllowPrivateNetworks;
        _time = time;
        _deadline = options.Value.Deadline;
        _client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = _deadline,
            ConnectCallback = (context, cancellationToken) => Connect(context.DnsEndPoint, allowPrivate, cancellationToken),
        })
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<(DeliveryReport Report, string Outcome, TimeSpan Took)> Send(DeliveryWork work, CancellationToken cancellationToken)
    {
        var body = WebhookBodies.Build(work.Notice, work.Format);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, work.Url) { Content = content };
        request.Headers.Add(WebhookSignature.EventIdHeader, work.Notice.EventId);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(work.Secret, timestamp, body));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_deadline);
        var started = Stopwatch.GetTimestamp();
        DeliveryReport report;
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            report = response.IsSuccessStatusCode
                ? new(work.DeliveryId, true, status, null, false)
                : new(work.DeliveryId, false, status, FormattableString.Invariant($"HTTP {status}"), IsPermanent(status));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            report = new(work.DeliveryId, false, null, FormattableString.Invariant($"no answer within {_deadline.TotalSeconds:0.#} s"), false);
        }
        catch (HttpRequestException e) when (e.InnerException is RefusedAddressException refused)
        {
            report = new(work.DeliveryId, false, null, refused.Message, true);
        }
        catch (HttpRequestException e)
        {
            // The error's kind, not its message: nothing of the request (nor the secret) can reach a dead letter or a log.
            var socket = e.InnerException as SocketException;
            report = new(work.DeliveryId, false, null, socket is null ? $"request failed: {e.HttpRequestError}" : $"connection failed: {socket.SocketErrorCode}", false);
        }

        return (report, report.Delivered ? "delivered" : report.Permanent ? "refused" : "failed", Stopwatch.GetElapsedTime(started));
    }

    /// <summary>4xx other than 408 and 429: the receiver will not take it however often it is sent; a replay can, once fixed.</summary>
    public static bool IsPermanent(int status) => status is >= 400 and < 500 and not 408 and not 429;

    public static async ValueTask<Stream> Connect(DnsEndPoint endPoint, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        var host = endPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = Array.FindAll(addresses, a => WebhookUrls.IsAllowed(a, allowPrivateNetworks));
        if (allowed.Length == 0)
        {
            throw new RefusedAddressException("the webhook's host resolves only to addresses deliveries may not reach (loopback, private, link-local or metadata)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>A connection refused by the address rule.</summary>
public sealed class RefusedAddressException(string message) : Exception(message);
