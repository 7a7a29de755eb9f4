using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Incidents.Alerts.Formats;

/// <summary>
/// Collects the bytes to hash for an id or a fingerprint in a caller's stack buffer, growing into a pooled array
/// only for unusually long fields; so hashing costs no allocation beyond the resulting string.
/// A ref struct: call <see cref="Dispose"/> in a finally (a <c>using</c> local would be read-only, and mutating
/// calls on it would go to a copy).
/// </summary>
internal ref struct HashInput(Span<byte> initialBuffer)
{
    // One hash object per thread, reset after each digest: the one-shot call sets up the algorithm's context every time.
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    private Span<byte> _buffer = initialBuffer;
    private byte[]? _rented;
    private int _length;

    /// <summary>
    /// Appends a field so that different field values can never give the same bytes: strings carry their length,
    /// and an absent field is marked apart from an empty one.
    /// </summary>
    public void AddField(string? value)
    {
        if (value is null)
        {
            AppendInt32(-1);
            return;
        }

        AppendInt32(Encoding.UTF8.GetByteCount(value));
        Append(value);
    }

    public void AddField(long? value)
    {
        if (value is null)
        {
            AppendByte(0);
            return;
        }

        AppendByte(1);
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(sizeof(long)), value.Value);
    }

    /// <summary>Appends the text's UTF-8 bytes alone, for inputs whose layout is fixed by contract.</summary>
    public void Append(string text)
    {
        int byteCount = Encoding.UTF8.GetByteCount(text);
        Encoding.UTF8.GetBytes(text, Reserve(byteCount));
    }

    public void AppendByte(byte value) => Reserve(1)[0] = value;

    /// <summary>The first 16 bytes of the SHA-256 of the input, as 32 lowercase hex characters.</summary>
    public readonly string ToHexDigest()
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var sha = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(_buffer[.._length]);
        sha.GetHashAndReset(hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }

    private void AppendInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(sizeof(int)), value);

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer[.._length].CopyTo(larger);
            if (_rented is not null)
            {
                ArrayPool<byte>.Shared.Return(_rented);
            }

            _rented = larger;
            _buffer = larger;
        }

        var reserved = _buffer.Slice(_length, count);
        _length += count;
        return reserved;
    }
}
