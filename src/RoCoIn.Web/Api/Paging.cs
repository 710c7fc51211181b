using RoCoIn.Engine.Validation;

namespace RoCoIn.Web.Api;

internal static class Paging
{
    public static IReadOnlyList<FieldError> Validate(int? skip, int? take, int maxTake)
    {
        var errors = new List<FieldError>();
        if (skip < 0)
            errors.Add(new("skip", $"skip must be 0 or more (got {skip})."));
        if (take is < 1 || take > maxTake)
            errors.Add(new("take", $"take must be between 1 and {maxTake} (got {take})."));
        return errors;
    }
}
