using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Incidents.Grains.Escalation;

namespace Incidents.Grains.Tests.Escalation;

/// <summary>
/// A webhook receiver on a free local port (<see cref="HttpListener"/>): it checks each request's signature as a real
/// receiver would, and answers what <see cref="Answer"/> says for the n-th request (1 first); 0 hangs until disposed.
/// </summary>
public sealed class TestReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;
    private int _count;

    public TestReceiver(string secret)
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

    public Func<int, int> Answer { get; set; } = _ => 200;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Requests answered so far (a hanging one is not).</summary>
    public int Answered => _answered;

    private int _answered;

    private async Task Listen()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Handle(context));
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers;
            var verified = WebhookSignature.Verify(Secret, headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader], body,
                DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
            var n = Interlocked.Increment(ref _count);
            Requests.Enqueue(new Received(n, headers[WebhookSignature.EventIdHeader] ?? "", body, verified, context.Request.ContentType ?? ""));
            var status = Answer(n);
            if (status == 0)
            {
                await _released.Task;
                status = 200;
            }

            context.Response.StatusCode = status;
            context.Response.Close();
            Interlocked.Increment(ref _answered);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The sender gave up, or the receiver is closing.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

public sealed record Received(int N, string EventId, string Body, bool Verified, string ContentType);
