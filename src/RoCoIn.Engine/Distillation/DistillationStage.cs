namespace RoCoIn.Engine.Distillation;

/// <summary>The stages of a distillation job, in the order they run.</summary>
/// <remarks>Written in JSON as camelCase names ("teacher", "cache", …); never rename a member.</remarks>
public enum DistillationStage
{
    /// <summary>Training the teacher, or loading a saved one, and measuring its test accuracy.</summary>
    Teacher,

    /// <summary>Running the teacher once over the training images to cache its logits and feature maps.</summary>
    Cache,

    /// <summary>Splitting the teacher's F channels into the requested partitions (rocoin-model.md §4).</summary>
    Partition,

    /// <summary>Training the students and the aggregator jointly (§5).</summary>
    Students,

    /// <summary>Writing every student and the aggregator as ONNX and checking ONNX Runtime against the trainer.</summary>
    Export,

    /// <summary>Measuring accuracy through ONNX Runtime for every non-empty subset of groups (§6).</summary>
    Accuracy,
}
