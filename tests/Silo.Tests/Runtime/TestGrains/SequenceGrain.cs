using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime.TestGrains;

internal sealed class SequenceGrain(GrainProbe probe) : Grain, ISequenceGrain
{
    // Plain collections: turns never overlap, so grain code needs no locks.
    private readonly Dictionary<int, int> _lastByCaller = [];
    private int _turns;
    private int _violations;

    public async ValueTask<int> RecordAsync(int caller, int sequence)
    {
        probe.Enter();
        try
        {
            if (sequence % 5 == 0)
            {
                // A turn lasts across awaits: nothing else may run in this grain meanwhile.
                await Task.Yield();
            }

            var expected = _lastByCaller.GetValueOrDefault(caller, -1) + 1;
            if (sequence != expected)
            {
                _violations++;
            }

            _lastByCaller[caller] = sequence;
            return ++_turns;
        }
        finally
        {
            probe.Exit();
        }
    }

    public ValueTask<int> OrderViolationsAsync() => ValueTask.FromResult(_violations);

    public async ValueTask FailAsync(bool synchronously)
    {
        if (synchronously)
        {
            throw new InvalidOperationException("sync failure");
        }

        await Task.Yield();
        throw new InvalidOperationException("async failure");
    }
}
