namespace RoCoIn.Engine.Coordination;

/// <summary>
/// The coordinator's seam to one group member (a device running its group's student): sends uint8 pixels and
/// returns the student's features. The web app implements it over its agent registry; tests use a fake.
/// </summary>
public interface IMemberClient
{
    /// <summary>Asks device <paramref name="deviceId"/> for the features of one input.</summary>
    /// <param name="deviceId">The device.</param>
    /// <param name="requestId">The coordinator's request id (unique among the requests in flight).</param>
    /// <param name="pixels">The input's uint8 pixels; the member normalises them.</param>
    /// <param name="ct">Cancelled at the deadline or once another member of the group replied.</param>
    /// <returns>The features (the group's width).</returns>
    /// <exception cref="MemberUnavailableException">The member is not connected or not ready.</exception>
    Task<float[]> InferAsync(int deviceId, long requestId, byte[] pixels, CancellationToken ct);
}

/// <summary>Thrown by an <see cref="IMemberClient"/> when the member cannot take the request at all.</summary>
public sealed class MemberUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MemberUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why the member is unavailable.</param>
    public MemberUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">Why the member is unavailable.</param>
    /// <param name="innerException">The cause.</param>
    public MemberUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
