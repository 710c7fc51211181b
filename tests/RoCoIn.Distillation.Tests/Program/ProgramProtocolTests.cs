using RoCoIn.Engine.Distillation;

namespace RoCoIn.Distillation.Tests.Program;

public sealed class ProgramProtocolTests : IDisposable
{
    private readonly string _folder = TestPaths.NewTempFolder("rocoin-distil-process");
    private readonly CancellationTokenSource _timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    public ProgramProtocolTests() => _timeout.CancelAfter(TimeSpan.FromSeconds(60));

    private string WriteJob(DistillationJobSpec spec)
    {
        var path = Path.Combine(_folder, "job.json");
        File.WriteAllText(path, DistillationJson.WriteSpec(spec));
        return path;
    }

    private async Task<DistillationErrorMessage> ExpectInvalidInputAsync(params string[] args)
    {
        await using var child = DistillationProcess.Start(args);

        var (exitCode, messages) = await child.RunToEndAsync(_timeout.Token);

        exitCode.ShouldBe(DistillationExitCodes.InvalidInput, child.StandardError);
        return messages.ShouldHaveSingleItem().ShouldBeOfType<DistillationErrorMessage>();
    }

    [Fact]
    public async Task WidthsNotAddingUpToFExitWithCodeTwoAndAnErrorLine()
    {
        var job = WriteJob(TinyRun.Job(Path.Combine(_folder, "out")) with { Partitions = [new(8, "s-mcu"), new(4, "s-small")] });

        var error = await ExpectInvalidInputAsync(job);

        error.Message.ShouldContain("add up to 12, not F = 16");
        error.Errors.ShouldNotBeNull().ShouldHaveSingleItem().Field.ShouldBe("partitions");
        Directory.Exists(Path.Combine(_folder, "out")).ShouldBeFalse("nothing is written for an invalid job");
    }

    [Fact]
    public async Task ZeroEpochsExitWithCodeTwoAndAnErrorLine()
    {
        var job = WriteJob(TinyRun.Job(Path.Combine(_folder, "out")) with { StudentEpochs = 0 });

        var error = await ExpectInvalidInputAsync(job);

        error.Errors.ShouldNotBeNull().ShouldHaveSingleItem().Field.ShouldBe("studentEpochs");
    }

    [Fact]
    public async Task ACorruptDatasetFileExitsWithCodeTwoAndAnErrorLine()
    {
        var dataset = Directory.CreateDirectory(Path.Combine(_folder, "dataset")).FullName;
        foreach (var file in Directory.GetFiles(TestPaths.BundledDataset, "*.gz"))
            File.Copy(file, Path.Combine(dataset, Path.GetFileName(file)));
        var images = Path.Combine(dataset, "train-images-idx3-ubyte.gz");
        File.WriteAllBytes(images, File.ReadAllBytes(images)[..4000]);   // a gzip stream cut short
        var job = WriteJob(TinyRun.Job(Path.Combine(_folder, "out")) with { DatasetFolder = dataset });

        var error = await ExpectInvalidInputAsync(job);

        error.Message.ShouldContain("train-images-idx3-ubyte.gz");
    }

    [Fact]
    public async Task AMissingJobFileExitsWithCodeTwoAndAnErrorLine()
    {
        var error = await ExpectInvalidInputAsync(Path.Combine(_folder, "no-such-job.json"));

        error.Message.ShouldContain("no-such-job.json");
    }

    [Fact]
    public async Task ASmallJobSendsProgressThenOneResultLineAndExitsWithCodeZero()
    {
        var output = Path.Combine(_folder, "out");
        var job = WriteJob(TinyRun.Job(output) with { Partitions = [new(8, "s-mcu"), new(8, "s-small")] });
        await using var child = DistillationProcess.Start(job);

        var (exitCode, messages) = await child.RunToEndAsync(_timeout.Token);

        exitCode.ShouldBe(DistillationExitCodes.Success, child.StandardError);
        messages.SkipLast(1).ShouldAllBe(m => m is DistillationProgressMessage);
        var result = messages[^1].ShouldBeOfType<DistillationResultMessage>();
        result.ResultPath.ShouldBe(Path.Combine(output, DistillationResult.FileName));
        var written = DistillationJson.ReadResult(File.ReadAllText(result.ResultPath));
        written.Students.Select(s => s.ModelHash).ShouldBe(result.Result.Students.Select(s => s.ModelHash));
        written.AccuracyBySubset.Count.ShouldBe(3);
        File.Exists(Path.Combine(output, written.Aggregator.ModelFile)).ShouldBeTrue();
    }

    [Fact]
    public async Task KillingTheProcessTreeMidRunLeavesNoResult()
    {
        var output = Path.Combine(_folder, "out");
        var job = WriteJob(TinyRun.Job(output) with { MaxTrainImages = null, MaxTestImages = null, TeacherEpochs = 5, StudentEpochs = 5 });
        await using var child = DistillationProcess.Start(job);
        var cancellationToken = _timeout.Token;

        // Wait until the teacher is training: a progress line with a training loss.
        DistillationProgressMessage? training = null;
        while (training is null)
        {
            var message = await child.ReadAsync(cancellationToken);
            message.ShouldNotBeNull($"the program ended before training: {child.StandardError}");
            if (message is DistillationProgressMessage { TrainLoss: not null } progress)
                training = progress;
            else
                message.ShouldBeOfType<DistillationProgressMessage>();
        }
        await child.KillAsync(cancellationToken);

        training.Stage.ShouldBe(DistillationStage.Teacher);
        child.HasExited.ShouldBeTrue();
        File.Exists(Path.Combine(output, DistillationResult.FileName)).ShouldBeFalse();
        Directory.GetFiles(output, "*.onnx").ShouldBeEmpty();
    }

    [Fact]
    public async Task SigtermStopsTheRunWithACancelledLineAndNoResult()
    {
        var output = Path.Combine(_folder, "out");
        var job = WriteJob(TinyRun.Job(output) with { MaxTrainImages = null, MaxTestImages = null, TeacherEpochs = 5, StudentEpochs = 5 });
        await using var child = DistillationProcess.Start(job);
        var cancellationToken = _timeout.Token;
        while (await child.ReadAsync(cancellationToken) is not DistillationProgressMessage { TrainLoss: not null })
        {
            child.HasExited.ShouldBeFalse($"the program ended before training: {child.StandardError}");
        }

        var exitCode = await child.TerminateAsync(cancellationToken);
        var rest = new List<DistillationMessage>();
        while (await child.ReadAsync(cancellationToken) is { } message)
            rest.Add(message);

        exitCode.ShouldBe(DistillationExitCodes.Failure, child.StandardError);
        rest.OfType<DistillationErrorMessage>().ShouldHaveSingleItem().Message.ShouldBe("The job was cancelled.");
        File.Exists(Path.Combine(output, DistillationResult.FileName)).ShouldBeFalse();
    }

    public void Dispose()
    {
        _timeout.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
