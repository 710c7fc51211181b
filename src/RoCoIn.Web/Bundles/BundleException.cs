namespace RoCoIn.Web.Bundles;

/// <summary>A bundle cannot be read, imported or written; the message is the reason, in words for the user.</summary>
public sealed class BundleException : Exception
{
    public BundleException()
    {
    }

    public BundleException(string message) : base(message)
    {
    }

    public BundleException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
