using Incidents.Api.Security;
using Microsoft.AspNetCore.Http.Metadata;

namespace Incidents.Api.Ingest;

/// <summary>
/// An endpoint's body limit, where routing and <see cref="UnreadBodyDrain"/> read it: Kestrel's cap is the endpoint's
/// from the start, and a body refused before it is read (401, 403, 415, 429) is drained up to twice that.
/// </summary>
internal sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
