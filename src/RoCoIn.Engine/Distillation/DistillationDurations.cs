namespace RoCoIn.Engine.Distillation;

/// <summary>Wall-clock time of each stage of a job, in seconds.</summary>
/// <param name="DataSeconds">Reading the dataset.</param>
/// <param name="TeacherSeconds">Training or loading the teacher, and its test pass.</param>
/// <param name="CacheSeconds">Caching the teacher's logits and feature maps.</param>
/// <param name="PartitionSeconds">The knowledge partition and the teacher's attention maps.</param>
/// <param name="StudentsSeconds">Joint student training, test passes included.</param>
/// <param name="ExportSeconds">ONNX export and verification.</param>
/// <param name="AccuracySeconds">The accuracy table.</param>
/// <param name="TotalSeconds">The whole job.</param>
public sealed record DistillationDurations(double DataSeconds, double TeacherSeconds, double CacheSeconds, double PartitionSeconds,
    double StudentsSeconds, double ExportSeconds, double AccuracySeconds, double TotalSeconds);
