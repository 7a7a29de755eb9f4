using Azure;

namespace Incidents.Api.Storage;

/// <summary>
/// A storage call made while a client waits: bounded by <see cref="StorageClientOptions.RequestTimeout"/> (the
/// storage client's own retries fit inside it or are cut short), its outcome told to <see cref="StorageHealth"/>, and
/// a storage that did not answer in time thrown as <see cref="StorageUnavailableException"/>, which is a 503.
/// </summary>
public sealed class StorageCalls(StorageClientOptions options, StorageHealth health)
{
    public TimeSpan Timeout => options.RequestTimeout;

    /// <param name="what">What did not happen, for the problem's detail: "Nothing in this request was accepted".</param>
    public async Task<T> Run<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.RequestTimeout);
        try
        {
            var result = await call(deadline.Token);
            health.Answered();
            return result;
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            health.Failed(Reason(e, options.RequestTimeout));
            throw new StorageUnavailableException(what, e);
        }
    }

    public Task Run(string what, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        Run(what, async token =>
        {
            await call(token);
            return true;
        }, cancellationToken);

    /// <summary>
    /// No answer in time, no connection, or an answer that says storage itself failed. Other answers (404, 409…) are
    /// storage answering: the caller's to handle. A caller that went away is no storage fault.
    /// </summary>
    private static bool IsUnavailable(Exception e, CancellationToken caller) => !caller.IsCancellationRequested && e switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        OperationCanceledException or TimeoutException or HttpRequestException or IOException => true,
        AggregateException => true, // the storage client's retries, each failed
        _ => false,
    };

    /// <summary>For /health, which anyone may read: what happened, never a message that could hold an address or a key.</summary>
    internal static string Reason(Exception e, TimeSpan timeout) => e switch
    {
        RequestFailedException { Status: > 0 } failed => $"answered {failed.Status} {failed.ErrorCode}".TrimEnd(),
        OperationCanceledException or TimeoutException => $"no answer within {timeout.TotalSeconds:0.#} s",
        _ => "could not be reached",
    };
}

/// <summary>Storage did not answer a call made on a client's request in time: nothing was accepted, the client retries.</summary>
public class StorageUnavailableException(string what, Exception inner)
    : Exception($"Storage did not answer: {what}", inner)
{
    /// <summary>For the client: what did not happen because of it.</summary>
    public string What { get; } = what;
}
