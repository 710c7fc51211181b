using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Jobs;
using RoCoIn.Web.Tests.Api;

namespace RoCoIn.Web.Tests.Distillation;

/// <summary>
/// The studio's distillation job end to end: the real distillation program as a child process, on a slice of the
/// bundled Fashion-MNIST subset, one epoch each. Checks the protocol, the stored model set and the ONNX files.
/// </summary>
public class DistillationJobTests : ApiTestBase
{
    private JobService Jobs => Factory.Services.GetRequiredService<JobService>();
    private JobStore JobStore => Factory.Services.GetRequiredService<JobStore>();

    private async Task<JobRecord> FinishedAsync(int jobId)
    {
        // The job trains for real: wait on its state with a generous bound, polling the store.
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            var job = (await JobStore.GetAsync(jobId, Ct))!;
            if (job.Status.IsFinished())
                return job;
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException($"Job {jobId} did not finish.");
    }

    [Fact]
    public async Task DistillationJobStoresAModelSetWithVerifiedOnnxFilesAndAnAccuracyTable()
    {
        var parameters = new DistillationJobParameters(null, "tiny", [new(32, "s-mcu"), new(32, "s-mcu")],
            TeacherEpochs: 1, StudentEpochs: 1, ReuseTeacher: false, Seed: 3, MaxTrainImages: 1000, MaxTestImages: 300);

        var jobId = await Jobs.EnqueueAsync(JobKind.Distillation, "Distil tiny", parameters, Ct);
        var job = await FinishedAsync(jobId);

        job.Status.ShouldBe(JobStatus.Succeeded, job.Reason);
        job.ResultKind.ShouldBe(JobResultKinds.ModelSet);
        var set = (await Factory.Services.GetRequiredService<ModelSetStore>().GetAsync(job.ResultId!.Value, Ct))!;
        set.Result.Students.Count.ShouldBe(2);
        set.Result.AccuracyBySubset.Count.ShouldBe(3);
        set.Result.Teacher.TestAccuracy.ShouldBeGreaterThan(0.3);   // one epoch on 900 images already learns
        foreach (var hash in set.Result.Students.Select(s => s.ModelHash).Append(set.Result.Aggregator.ModelHash))
            File.Exists(Path.Combine(Factory.DataPath, "models", $"{hash}.onnx")).ShouldBeTrue();
        var live = Factory.Services.GetRequiredService<DistillationLiveState>().Lines(jobId);
        live.Select(l => l.Stage).Distinct().ShouldContain(DistillationStage.Students);
    }

    [Fact]
    public async Task InvalidWidthsFailTheJobWithAReadableReasonAndStoreNothing()
    {
        var parameters = new DistillationJobParameters(null, "bad", [new(30, "s-mcu"), new(30, "s-mcu")],
            TeacherEpochs: 1, StudentEpochs: 1, ReuseTeacher: false, Seed: 3, MaxTrainImages: 1000, MaxTestImages: 300);

        var job = await FinishedAsync(await Jobs.EnqueueAsync(JobKind.Distillation, "Distil bad", parameters, Ct));

        job.Status.ShouldBe(JobStatus.Failed);
        job.Reason.ShouldNotBeNull().ShouldContain("64");
        (await Factory.Services.GetRequiredService<ModelSetStore>().ListAsync(Ct)).ShouldBeEmpty();
    }
}
