namespace RoCoIn.Data.Entities;

/// <summary>
/// A distilled model set: the students and aggregator of one distillation job, with their measured accuracy table.
/// The job's whole result (engine <c>DistillationResult</c>) is one JSON column; the ONNX files live under the data
/// folder by content hash (models/&lt;sha256&gt;.onnx).
/// </summary>
public sealed class ModelSetRow
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int? PlanId { get; set; }
    public int? JobId { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public int Groups { get; set; }
    public double TeacherAccuracy { get; set; }
    public double EnsembleAccuracy { get; set; }
    public required string DatasetSource { get; set; }
    public required string ResultJson { get; set; }
}
