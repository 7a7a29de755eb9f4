using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Incidents.Api.Tests;

/// <summary>
/// HTTP/1.1 as the plainest clients speak it (Python's <c>http.client</c>, curl without <c>Expect</c>): the whole request
/// written, body and all, before a byte of the answer is read. A server that answers early and closes the connection
/// on an unread body makes such a client fail while writing ("broken pipe", "connection reset"), never see its answer.
/// </summary>
internal sealed class RawHttp : IDisposable
{
    private const int ChunkBytes = 64 * 1024;
    private static readonly Encoding Latin1 = Encoding.Latin1;
    private readonly TcpClient _tcp = new() { NoDelay = true };
    private readonly Uri _baseAddress;
    private NetworkStream _stream = null!;

    private RawHttp(Uri baseAddress) => _baseAddress = baseAddress;

    public sealed record Answer(int Status, string? ContentType, string Body, bool Closes);

    public static async Task<RawHttp> ConnectAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        var http = new RawHttp(baseAddress);
        await http._tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, cancellationToken);
        http._stream = http._tcp.GetStream();
        return http;
    }

    /// <summary>Writes the head, then <paramref name="bodyBytes"/> of JSON whitespace in 64 KB writes, then reads the answer.</summary>
    /// <param name="headers">Further header lines, each ending in CRLF.</param>
    /// <param name="pause">Between writes: a link slower than loopback (25 ms is about 2.5 MB/s).</param>
    /// <param name="stopAfter">Bytes of the body sent before the client stalls, reading the answer; all of it when null.</param>
    public async Task<Answer> PostAsync(
        string path, string headers, long bodyBytes, CancellationToken cancellationToken, TimeSpan pause = default, long? stopAfter = null)
    {
        var head = $"POST {path} HTTP/1.1\r\nHost: {_baseAddress.Authority}\r\n{headers}Content-Length: {bodyBytes.ToString(CultureInfo.InvariantCulture)}\r\n\r\n";
        await _stream.WriteAsync(Latin1.GetBytes(head), cancellationToken);
        var chunk = new byte[ChunkBytes];
        Array.Fill(chunk, (byte)' ');
        long sent = 0;
        try
        {
            for (long end = stopAfter ?? bodyBytes; sent < end; sent += ChunkBytes)
            {
                await _stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(ChunkBytes, end - sent)), cancellationToken);
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, cancellationToken);
                }
            }
        }
        catch (IOException e)
        {
            throw new IOException($"the server broke the connection after {sent:N0} of {bodyBytes:N0} body bytes: {e.Message}", e);
        }

        return await ReadAsync(cancellationToken);
    }

    public async Task<Answer> GetAsync(string path, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(Latin1.GetBytes($"GET {path} HTTP/1.1\r\nHost: {_baseAddress.Authority}\r\n\r\n"), cancellationToken);
        return await ReadAsync(cancellationToken);
    }

    /// <summary>Whether the server has closed its end cleanly (a read gives 0 bytes, not a reset).</summary>
    public async Task<bool> EndsCleanlyAsync(CancellationToken cancellationToken) =>
        await _stream.ReadAsync(new byte[1], cancellationToken) == 0;

    /// <summary>Whether the server ends the connection (cleanly or not) before <paramref name="deadline"/>, rather than hold it.</summary>
    public async Task<bool> EndsWithinAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            return await _stream.ReadAsync(new byte[1], timeout.Token) == 0;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _tcp.Dispose();

    // One answer, with a Content-Length or chunked body; nothing of the next is read.
    private async Task<Answer> ReadAsync(CancellationToken cancellationToken)
    {
        var headBytes = new List<byte>();
        while (headBytes.Count < 4 || !headBytes[^4..].SequenceEqual("\r\n\r\n"u8.ToArray()))
        {
            headBytes.Add(await ReadByteAsync(cancellationToken));
        }

        var lines = Latin1.GetString([.. headBytes]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToLookup(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = new List<byte>();
        if (headers["Transfer-Encoding"].Any(v => v.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            while (int.Parse(await ReadLineAsync(cancellationToken), NumberStyles.HexNumber, CultureInfo.InvariantCulture) is var size and > 0)
            {
                body.AddRange(await ReadBytesAsync(size, cancellationToken));
                await ReadLineAsync(cancellationToken);
            }

            await ReadLineAsync(cancellationToken);
        }
        else if (headers["Content-Length"].FirstOrDefault() is { } length)
        {
            body.AddRange(await ReadBytesAsync(int.Parse(length, CultureInfo.InvariantCulture), cancellationToken));
        }

        var closes = headers["Connection"].Any(v => v.Equals("close", StringComparison.OrdinalIgnoreCase));
        return new Answer(status, headers["Content-Type"].FirstOrDefault(), Encoding.UTF8.GetString([.. body]), closes);
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (line.Count < 2 || line[^2] != '\r' || line[^1] != '\n')
        {
            line.Add(await ReadByteAsync(cancellationToken));
        }

        return Latin1.GetString([.. line[..^2]]);
    }

    private async Task<byte[]> ReadBytesAsync(int count, CancellationToken cancellationToken)
    {
        var bytes = new byte[count];
        await _stream.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    private async Task<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        var one = new byte[1];
        await _stream.ReadExactlyAsync(one, cancellationToken);
        return one[0];
    }
}
