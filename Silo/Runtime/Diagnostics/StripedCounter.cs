namespace FraudActors.Silo.Runtime.Diagnostics;

/// <summary>
/// A counter incremented from many cores at once: one cache line per core slot, so hot grain types do
/// not make every message fight over one shared cache line.
/// </summary>
internal sealed class StripedCounter
{
    // 16 longs = 128 bytes: a cache line plus the adjacent-line prefetch.
    private const int Stride = 16;

    private readonly long[] _cells;
    private readonly int _mask;

    public StripedCounter()
    {
        var stripes = (int)Math.Min(64, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));
        _mask = stripes - 1;
        _cells = new long[stripes * Stride];
    }

    public void Increment() => Interlocked.Increment(ref _cells[(Thread.GetCurrentProcessorId() & _mask) * Stride]);

    public long Sum()
    {
        long sum = 0;
        for (var i = 0; i < _cells.Length; i += Stride)
        {
            sum += Volatile.Read(ref _cells[i]);
        }

        return sum;
    }
}
