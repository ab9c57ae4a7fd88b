using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime.TestGrains;

[GrainType("counter")]
internal sealed class CounterGrain(GrainProbe probe) : Grain<CounterState>, ICounterGrain
{
    public ValueTask<long> AddAsync(long delta)
    {
        probe.Enter();
        State.Value += delta;
        probe.Exit();
        return ValueTask.FromResult(State.Value);
    }

    public ValueTask<long> GetAsync() => ValueTask.FromResult(State.Value);

    public async ValueTask<long> AddDoubledAsync(int value)
    {
        var doubled = await GrainFactory.GetGrain<IWorkerGrain>("0").DoubleAsync(value);
        return await AddAsync(doubled);
    }

    public ValueTask CheckpointAsync(StreamPosition position)
    {
        StatePosition = position;
        return WriteStateAsync();
    }

    public ValueTask DeactivateAsync()
    {
        DeactivateOnIdle();
        return ValueTask.CompletedTask;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record(GetPrimaryKeyString(), "activate");
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record(GetPrimaryKeyString(), "deactivate");
        probe.DeactivationReasons.Enqueue(reason);
        if (probe.DeactivationGate is { } gate)
        {
            await gate.Task.ConfigureAwait(false);
        }
    }
}
