using RoCoIn.Engine.Datasets;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Models;

namespace RoCoIn.Distillation.Data;

/// <summary>
/// The images of one job: the training images split into those the networks learn from and a held-out slice whose
/// teacher activations drive the knowledge partition (rocoin-model.md §4), and the test images.
/// </summary>
/// <param name="Location">Where the IDX files were found.</param>
/// <param name="Train">Training images the teacher and students learn from.</param>
/// <param name="HeldOut">The last training images, kept out of training.</param>
/// <param name="Test">Test images.</param>
public sealed record DistillationData(DatasetLocation Location, ImageDataset Train, ImageDataset HeldOut, ImageDataset Test)
{
    /// <summary>Share of the training images held out for the partition.</summary>
    public const double HeldOutShare = 0.1;

    /// <summary>Most images held out (§4 needs activation statistics, not a large set).</summary>
    public const int MaxHeldOut = 2000;

    /// <summary>Locates and reads the dataset of <paramref name="spec"/>, applies its caps and holds out the partition slice.</summary>
    /// <exception cref="DistillationInputException">No dataset, an unreadable or inconsistent file, images that are not
    /// <paramref name="teacher"/>'s input size, or labels outside its classes.</exception>
    public static DistillationData Load(DistillationJobSpec spec, TeacherSpec teacher)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(teacher);
        try
        {
            var location = DatasetLocator.Locate(spec.DatasetFolder, spec.BundledDatasetFolder ?? "");
            var train = IdxReader.Read(location.TrainImages, location.TrainLabels);
            var test = IdxReader.Read(location.TestImages, location.TestLabels);
            Check(train, "training", teacher);
            Check(test, "test", teacher);
            if (spec.MaxTrainImages is { } maxTrain)
                train = train.Take(maxTrain);
            if (spec.MaxTestImages is { } maxTest)
                test = test.Take(maxTest);
            if (train.Count < DistillationJobSpec.MinImages || test.Count < DistillationJobSpec.MinImages)
            {
                throw new DistillationInputException(
                    $"The dataset in {location.Folder} has {train.Count} training and {test.Count} test images; at least {DistillationJobSpec.MinImages} of each are needed.");
            }
            var heldOut = Math.Clamp((int)Math.Round(HeldOutShare * train.Count), 1, MaxHeldOut);
            return new DistillationData(location, Slice(train, 0, train.Count - heldOut), Slice(train, train.Count - heldOut, heldOut), test);
        }
        catch (InvalidDataException ex)
        {
            throw new DistillationInputException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DistillationInputException($"Cannot read the dataset: {ex.Message}", ex);
        }
    }

    private static void Check(ImageDataset data, string role, TeacherSpec teacher)
    {
        var input = teacher.Architecture.Input;
        if (input.Channels != 1 || data.Rows != input.Height || data.Columns != input.Width)
            throw new DistillationInputException($"The {role} images are {data.Rows}×{data.Columns}; the teacher takes {input}.");
        if (data.Classes > teacher.Classes)
            throw new DistillationInputException($"The {role} labels go up to {data.Classes - 1}; the teacher has {teacher.Classes} classes.");
    }

    private static ImageDataset Slice(ImageDataset data, int start, int count)
    {
        var pixels = data.Rows * data.Columns;
        return data with
        {
            Pixels = data.Pixels[(start * pixels)..((start + count) * pixels)],
            Labels = data.Labels[start..(start + count)],
            Count = count,
        };
    }
}
