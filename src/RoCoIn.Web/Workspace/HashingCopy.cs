using System.Buffers;
using System.Security.Cryptography;

namespace RoCoIn.Web.Workspace;

/// <summary>Copies that hash on the way and stop at a size limit, so a file is read once and a zip bomb stops early.</summary>
internal static class HashingCopy
{
    /// <returns>How many bytes were copied and their SHA-256 as 64 lowercase hex digits.</returns>
    /// <exception cref="InvalidDataException"><paramref name="source"/> holds more than <paramref name="maxBytes"/>.</exception>
    public static async Task<(long Bytes, string Sha256)> CopyAsync(Stream source, Stream target, long maxBytes, CancellationToken cancellationToken)
    {
        using var sha = SHA256.Create();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long bytes = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                bytes += read;
                if (bytes > maxBytes)
                    throw new InvalidDataException($"It holds more than {maxBytes} bytes.");
                sha.TransformBlock(buffer, 0, read, null, 0);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            sha.TransformFinalBlock([], 0, 0);
            return (bytes, Convert.ToHexStringLower(sha.Hash!));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
