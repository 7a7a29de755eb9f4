using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Incidents.Api.Security;

/// <summary>
/// Reads and discards what is left of a request body once its answer is sent, so that a refusal given before the body
/// was read (401, 403, 415, 429, 413 by Content-Length) reaches the client. Kestrel drains an unread body itself, but only
/// up to its own cap (1 MB where no endpoint raised it) and for 5 s; past either it closes the connection on unread bytes,
/// and a client still sending them sees a reset or a broken pipe instead of its answer.
/// </summary>
/// <remarks>
/// Bounded so that draining costs an attacker what it costs us: at most <see cref="Budget"/> bytes (twice the endpoint's
/// limit: any body a client may send, and one that overshoots it by a little, as a 413 by Content-Length does), each sent
/// by the client and thrown away as it arrives, within <see cref="DrainTime"/>: Kestrel's minimum data rate still applies,
/// but as an average, which a client that sent a megabyte at once keeps above its 240 bytes/s for an hour of silence.
/// An anonymous client can already hold a connection as long by sending its headers slowly (Kestrel's 30 s header
/// timeout). A body declared larger than the budget is not read at all: Kestrel closes on it as before.
/// HTTP/2 and later end a stream, not the connection, and are left alone; so is a client that sent
/// <c>Expect: 100-continue</c> and was never told to go on: it has its answer and sends nothing.
/// </remarks>
public static class UnreadBodyDrain
{
    /// <summary>How long the rest of a body may take (a 16 MB body needs about 0.6 MB/s); past it the connection is ended.</summary>
    public static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(30);

    /// <summary>The most of a body read to keep its connection: twice the endpoint's limit.</summary>
    public static long Budget(long limit) => 2 * limit;

    public static IApplicationBuilder UseUnreadBodyDrain(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        await DrainAsync(context);
    });

    private static async Task DrainAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: true } ||
            !(HttpProtocol.IsHttp11(request.Protocol) || HttpProtocol.IsHttp10(request.Protocol)) ||
            context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        // Read-only once reading has started: then the endpoint set the cap it read under (RequestBody sets the budget).
        var size = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        bool started = size is null || size.IsReadOnly;
        long budget = Budget(context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? HttpHardening.MaxRequestBodyBytes);
        if ((!started && string.Equals(request.Headers.Expect, "100-continue", StringComparison.OrdinalIgnoreCase)) ||
            request.ContentLength > budget)
        {
            return;
        }

        if (!started)
        {
            size!.MaxRequestBodySize = budget;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(DrainTime);
        try
        {
            // The answer first: a client that reads while it writes has it at once, one that writes first finds it waiting.
            await context.Response.CompleteAsync();
            var reader = request.BodyReader;
            ReadResult read;
            do
            {
                read = await reader.ReadAsync(deadline.Token);
                reader.AdvanceTo(read.Buffer.End);
            }
            while (!read.IsCompleted);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Past the drain time: the answer went out long ago; end the connection rather than wait on.
            context.Abort();
        }
        catch (Exception e) when (e is OperationCanceledException or BadHttpRequestException or IOException)
        {
            // Past the budget, malformed, under Kestrel's minimum data rate, or gone: Kestrel ends the connection.
        }
    }
}
