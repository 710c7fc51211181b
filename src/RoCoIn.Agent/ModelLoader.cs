using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using RoCoIn.Engine.Inference;
using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Agent;

/// <summary>
/// Downloads assigned models from the studio, refuses any whose SHA-256 differs from the assignment, and keeps one
/// ONNX Runtime session per model for the life of the process (a reconnect does not reload).
/// </summary>
public sealed class ModelLoader(HttpClient http, string? token, int threads) : IDisposable
{
    /// <summary>Largest model file accepted, bytes: a student is far smaller.</summary>
    public const long MaxModelBytes = 64L * 1024 * 1024;

    private readonly Dictionary<string, LoadedModel> _models = new(StringComparer.Ordinal);

    /// <summary>The loaded model, or why it was refused.</summary>
    public async Task<(LoadedModel? Model, string? Error)> LoadAsync(AgentModelAssignment assignment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var hash = assignment.ModelHash ?? "";
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
            return (null, $"The assigned model hash '{Short(hash)}' is not 64 lowercase hex digits.");
        if (_models.TryGetValue(hash, out var known))
            return (known with { Flops = assignment.Flops }, null);
        // Only paths on the studio itself: an assignment must not send the token anywhere else.
        var path = assignment.DownloadPath ?? "";
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal))
            return (null, $"The download path '{Short(path)}' is not a path on the studio.");

        byte[] bytes;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            if (token is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
                return (null, string.Create(CultureInfo.InvariantCulture, $"Downloading model {Short(hash)} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}."));
            if (response.Content.Headers.ContentLength > MaxModelBytes)
                return (null, $"Model {Short(hash)} is larger than {MaxModelBytes} bytes; refused.");
            bytes = await ReadLimitedAsync(response.Content, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return (null, $"Downloading model {Short(hash)} failed: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            return (null, ex.Message);
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, hash, StringComparison.Ordinal))
            return (null, $"The downloaded model's SHA-256 is {actual}, not the assigned {hash}; refused.");
        try
        {
            var model = new LoadedModel(hash, new OnnxInferenceSession(bytes, threads), assignment.Flops);
            _models[hash] = model;
            return (model, null);
        }
#pragma warning disable CA1031 // Any load failure is reported to the studio as the model's refusal.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (null, $"ONNX Runtime could not load model {Short(hash)}: {ex.Message}");
        }
    }

    public void Dispose()
    {
        foreach (var model in _models.Values)
            model.Session.Dispose();
        _models.Clear();
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxModelBytes)
                throw new InvalidDataException($"The model download is larger than {MaxModelBytes} bytes; refused.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string Short(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
