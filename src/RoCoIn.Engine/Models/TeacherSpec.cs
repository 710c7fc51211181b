namespace RoCoIn.Engine.Models;

/// <summary>
/// The teacher CNN whose last convolutional layer's <see cref="FeatureChannels"/> channels (F) are the knowledge
/// RoCoIn partitions among students.
/// </summary>
/// <param name="Architecture">Full teacher, ending in its classifier.</param>
/// <param name="FeatureChannels">F: channels of the last conv layer.</param>
/// <param name="FeatureMap">Shape of the last conv layer's output (F×h×w), which students resize to.</param>
/// <param name="Classes">Number of classes (10 for Fashion-MNIST).</param>
public sealed record TeacherSpec(Architecture Architecture, int FeatureChannels, TensorShape FeatureMap, int Classes);
