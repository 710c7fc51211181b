namespace RoCoIn.Engine.Randomness;

/// <summary>
/// SplitMix64: a tiny, fully specified generator. The studio stores seeds and promises that the same
/// seed gives the same result on any machine and .NET version, which <see cref="Random"/> does not document.
/// </summary>
public sealed class SeededRandom
{
    private ulong _state;

    /// <summary>Starts the sequence for <paramref name="seed"/>.</summary>
    public SeededRandom(long seed) => _state = unchecked((ulong)seed);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A double uniform in [0, 1), from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A double uniform in [<paramref name="min"/>, <paramref name="max"/>]; exactly min when they are equal.</summary>
    public double NextUniform(double min, double max) => min + ((max - min) * NextDouble());
}
