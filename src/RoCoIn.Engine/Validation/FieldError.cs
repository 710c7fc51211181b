namespace RoCoIn.Engine.Validation;

/// <summary>A validation failure naming the field it concerns and what is wrong, in words a user can act on.</summary>
/// <param name="Field">The field's name as the API spells it (camelCase), e.g. "computeFlopsPerSecond".</param>
/// <param name="Message">What is wrong and, for bounds, by how much.</param>
public sealed record FieldError(string Field, string Message);
