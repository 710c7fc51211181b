namespace RoCoIn.Web.Agents;

/// <summary>An agent answered a request with an error, or with features the studio refuses (wrong length, not finite).</summary>
public sealed class AgentInferenceException : Exception
{
    public AgentInferenceException()
    {
    }

    public AgentInferenceException(string message) : base(message)
    {
    }

    public AgentInferenceException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
