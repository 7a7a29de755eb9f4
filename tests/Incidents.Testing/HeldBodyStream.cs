namespace Incidents.Testing;

/// <summary>
/// An upload body of <paramref name="length"/> zero bytes that gives its first half, says so (<see cref="Holding"/>)
/// and holds the rest until <paramref name="release"/> completes; <see cref="Sent"/> once it has given all. Azurite
/// writes a blob's body as it arrives, in one of its 50 write slots: a held body keeps its slot.
/// </summary>
public sealed class HeldBodyStream(int length, Task release) : Stream
{
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position;

    public Task Holding => _holding.Task;

    public Task Sent => _sent.Task;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => _position; set => _position = value; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var half = length / 2;
        if (_position >= half && !release.IsCompleted)
        {
            _holding.TrySetResult();
            await release.WaitAsync(cancellationToken);
        }

        var count = (int)Math.Min(buffer.Length, (_position < half && !release.IsCompleted ? half : length) - _position);
        buffer.Span[..count].Clear();
        _position += count;
        if (count == 0)
        {
            _sent.TrySetResult();
        }

        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
