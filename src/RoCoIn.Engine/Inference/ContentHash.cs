using System.Security.Cryptography;

namespace RoCoIn.Engine.Inference;

/// <summary>Content addresses for stored artifacts (a model is kept as <c>models/&lt;sha256&gt;.onnx</c>).</summary>
public static class ContentHash
{
    /// <summary>The SHA-256 of <paramref name="content"/> as 64 lowercase hex digits.</summary>
    public static string Sha256Hex(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Convert.ToHexStringLower(SHA256.HashData(content));
    }
}
