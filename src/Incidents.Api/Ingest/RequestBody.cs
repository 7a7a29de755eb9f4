using System.Buffers;
using Incidents.Api.Security;
using Microsoft.AspNetCore.Http.Features;

namespace Incidents.Api.Ingest;

/// <summary>Reads a request body into memory, refusing past a limit without reading further.</summary>
internal static class RequestBody
{
    /// <summary>
    /// Null when the body is larger than <paramref name="limit"/>. Read once into one buffer, sized by
    /// Content-Length where the client sends it; items are slices of it, never copied again.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        // Kestrel's cap raised past this limit, to the drain's budget: the loop below stops at the limit, and what follows
        // is drained after the 413 (UnreadBodyDrain), so that the client reads the answer instead of a broken pipe.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = UnreadBodyDrain.Budget(limit);
        }

        if (request.ContentLength > limit)
        {
            return null;
        }

        // One byte over a declared length, so that reading to the end needs no second buffer.
        var capacity = (int)Math.Min((request.ContentLength ?? 64 * 1024) + 1, limit + 1);
        var writer = new ArrayBufferWriter<byte>(Math.Max(capacity, 1));
        while (true)
        {
            var memory = writer.GetMemory(1);
            int read;
            try
            {
                read = await request.Body.ReadAsync(memory, cancellationToken);
            }
            catch (IOException e) when (e is not BadHttpRequestException)
            {
                // Kestrel reports most malformed bodies as BadHttpRequestException (a 400 of the client's making), but a
                // chunk size that overflows as a bare IOException, which would be a 500. It is the same kind of fault.
                throw new BadHttpRequestException($"The body could not be read: {e.Message}", StatusCodes.Status400BadRequest, e);
            }

            if (read == 0)
            {
                return writer.WrittenMemory;
            }

            writer.Advance(read);
            if (writer.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}
