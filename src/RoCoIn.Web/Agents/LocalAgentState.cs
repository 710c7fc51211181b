namespace RoCoIn.Web.Agents;

/// <summary>A local agent process's condition.</summary>
public enum LocalAgentState
{
    /// <summary>The process runs.</summary>
    Running,
    /// <summary>The process is stopped with SIGSTOP (a hang); SIGCONT resumes it.</summary>
    Hung,
    /// <summary>The process exited or was killed.</summary>
    Exited,
}
