namespace RoCoIn.Web.Agents;

/// <summary>An inference or order could not reach an agent: none is connected for the device, it is not ready, or it left.</summary>
public sealed class AgentUnavailableException : Exception
{
    public AgentUnavailableException()
    {
    }

    public AgentUnavailableException(string message) : base(message)
    {
    }

    public AgentUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
