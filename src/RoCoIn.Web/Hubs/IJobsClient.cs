using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Web.Hubs;

/// <summary>What <see cref="JobsHub"/> sends to its clients.</summary>
public interface IJobsClient
{
    /// <summary>A job changed state (always sent) or made progress (at most a few times a second per job).</summary>
    Task JobUpdated(JobUpdateMessage message);
}
