namespace RoCoIn.Engine.Distillation;

/// <summary>The images a job used.</summary>
/// <param name="Folder">Folder of the IDX files.</param>
/// <param name="Source">Where the locator found them ("configured folder", "Debian dataset-fashion-mnist", "bundled subset").</param>
/// <param name="TrainImages">Training images the teacher and the students learnt from.</param>
/// <param name="HeldOutImages">Training images held out of training, whose teacher activations drive the partition (§4).</param>
/// <param name="TestImages">Test images every accuracy is measured on.</param>
public sealed record DistillationDataSummary(string Folder, string Source, int TrainImages, int HeldOutImages, int TestImages);
