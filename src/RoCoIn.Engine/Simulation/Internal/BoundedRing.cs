namespace RoCoIn.Engine.Simulation.Internal;

/// <summary>The latest <see cref="Capacity"/> items added, oldest dropped first; capacity 0 keeps nothing.</summary>
internal sealed class BoundedRing<T>
    where T : class
{
    private readonly T?[] _items;
    private int _head;

    public BoundedRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _items = new T?[capacity];
    }

    public int Capacity => _items.Length;

    /// <summary>Items held now.</summary>
    public int Count { get; private set; }

    /// <summary>Items added but no longer held.</summary>
    public long Dropped { get; private set; }

    public void Add(T item)
    {
        if (Count == _items.Length)
            Dropped++;
        else
            Count++;
        if (_items.Length == 0)
            return;
        _items[_head] = item;
        _head = (_head + 1) % _items.Length;
    }

    /// <summary>The items held, oldest first.</summary>
    public T[] ToArray()
    {
        var items = new T[Count];
        for (var i = 0; i < Count; i++)
            items[i] = _items[(_head - Count + i + _items.Length) % _items.Length]!;
        return items;
    }
}
