using RoCoIn.Engine.Validation;

namespace RoCoIn.Data.Stores;

/// <summary>How a store operation ended.</summary>
public enum StoreStatus
{
    /// <summary>Done.</summary>
    Ok,
    /// <summary>The thing addressed does not exist.</summary>
    NotFound,
    /// <summary>The input is invalid; <see cref="StoreResult{T}.Errors"/> says why. Nothing changed.</summary>
    Invalid,
    /// <summary>The operation would break something that depends on the data; <see cref="StoreResult{T}.Message"/> says what.</summary>
    Conflict,
}

/// <summary>The outcome of a store operation that may be refused.</summary>
public sealed record StoreResult<T>(StoreStatus Status, T? Value, IReadOnlyList<FieldError> Errors, string? Message)
{
    public bool IsOk => Status == StoreStatus.Ok;

    public static StoreResult<T> Ok(T value) => new(StoreStatus.Ok, value, [], null);
    public static StoreResult<T> NotFound(string message) => new(StoreStatus.NotFound, default, [], message);
    public static StoreResult<T> Invalid(IReadOnlyList<FieldError> errors) =>
        new(StoreStatus.Invalid, default, errors, "The input is invalid: " + string.Join(" ", errors.Select(e => e.Message)));
    public static StoreResult<T> Conflict(string message) => new(StoreStatus.Conflict, default, [], message);
}
