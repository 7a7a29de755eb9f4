using Incidents.Alerts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Incidents.Api.Ingest;

/// <summary>
/// Reads a posted batch — one JSON object, a JSON array, or NDJSON — into its items, or says in a problem
/// why the body as a whole is not a batch. Items that are bad one by one are the normaliser's to reject.
/// </summary>
internal static class BatchRequest
{
    public static async Task<(IReadOnlyList<ReadOnlyMemory<byte>>? Items, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, IngestOptions options, CancellationToken cancellationToken)
    {
        if (!TryParseForm(request.ContentType, out var form))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send application/json (one item or an array) or application/x-ndjson, not '{request.ContentType}'."));
        }

        if (await RequestBody.ReadAsync(request, options.MaxBodyBytes, cancellationToken) is not { } body)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, "Batch too large",
                $"A batch may have at most {options.MaxBodyBytes:N0} bytes; split it."));
        }

        try
        {
            return (AlertBatch.Split(body, form, options.MaxItems), null);
        }
        catch (BatchFormatException e)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "The body is not a batch", e.Message));
        }
    }

    /// <summary>Parses <c>?format=</c>: a name of <typeparamref name="TFormat"/>, or nothing for detection per item.</summary>
    public static bool TryParseFormat<TFormat>(string? text, out TFormat format, out ProblemHttpResult? problem)
        where TFormat : struct, Enum
    {
        format = default;
        problem = null;
        if (string.IsNullOrEmpty(text) || EnumNames.TryParse(text, out format))
        {
            return true;
        }

        problem = Problem(StatusCodes.Status400BadRequest, "Unknown format",
            $"'format' may be {string.Join(", ", Enum.GetNames<TFormat>().Select(n => n.ToLowerInvariant()))}; leave it out to detect each item's format.");
        return false;
    }

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    private static bool TryParseForm(string? contentType, out BatchForm form)
    {
        form = BatchForm.Json;
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var type = media.MediaType.Value ?? "";
        if (type.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/jsonl", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/ndjson", StringComparison.OrdinalIgnoreCase))
        {
            form = BatchForm.NdJson;
            return true;
        }

        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
