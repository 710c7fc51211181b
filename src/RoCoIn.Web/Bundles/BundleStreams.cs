using System.Security.Cryptography;

namespace RoCoIn.Web.Bundles;

/// <summary>Copies that hash what they copy, with an optional cap, so no file is read twice.</summary>
internal static class BundleStreams
{
    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/> (or only hashes it when null), stopping after
    /// <paramref name="limit"/> + 1 bytes.</summary>
    /// <returns>The SHA-256 of what was read and how many bytes were read (more than the limit when the input is longer).</returns>
    public static async Task<(string Sha256, long Bytes)> CopyHashedAsync(Stream input, Stream? output, long limit,
        CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        while (total <= limit)
        {
            var want = (int)Math.Min(buffer.Length, limit + 1 - total);
            var read = await input.ReadAsync(buffer.AsMemory(0, want), cancellationToken);
            if (read == 0)
                break;
            hash.AppendData(buffer, 0, read);
            if (output is not null)
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            total += read;
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
    }
}
