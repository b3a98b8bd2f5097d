namespace Coco.Connectors.Client;

/// <summary>
/// An input field that is either left out of the request (the default) or sent with a value, null included.
/// For an update (a merge patch) unset means "keep", <c>null</c> means "clear". Assign a value directly:
/// <c>Description = "…"</c> or <c>Description = null</c>.
/// </summary>
public readonly struct Optional<T> : IEquatable<Optional<T>>
{
    private readonly T _value;

    public Optional(T value)
    {
        _value = value;
        HasValue = true;
    }

    /// <summary>Whether the field is sent.</summary>
    public bool HasValue { get; }

    /// <summary>The value to send; only meaningful when <see cref="HasValue"/>.</summary>
    public T Value => HasValue ? _value : throw new InvalidOperationException("The optional field is not set.");

    public static implicit operator Optional<T>(T value) => new(value);

    public static bool operator ==(Optional<T> left, Optional<T> right) => left.Equals(right);

    public static bool operator !=(Optional<T> left, Optional<T> right) => !left.Equals(right);

    public bool Equals(Optional<T> other) =>
        HasValue == other.HasValue && (!HasValue || EqualityComparer<T>.Default.Equals(_value, other._value));

    public override bool Equals(object? obj) => obj is Optional<T> other && Equals(other);

    public override int GetHashCode() => HasValue ? HashCode.Combine(true, _value) : 0;

    public override string ToString() => HasValue ? _value?.ToString() ?? "null" : "(unset)";
}
