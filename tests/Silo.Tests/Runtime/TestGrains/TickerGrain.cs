using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime.TestGrains;

/// <summary>A grain with a one-minute timer, like a cardholder shrinking its windows while the card is quiet.</summary>
internal sealed class TickerGrain(GrainProbe probe) : Grain, ITickerGrain
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private int _ticks;

    public ValueTask<int> TicksAsync() => ValueTask.FromResult(_ticks);

    public async ValueTask HoldAsync()
    {
        probe.Enter();
        try
        {
            await probe.Gate.Task.ConfigureAwait(false);
        }
        finally
        {
            probe.Exit();
        }
    }

    public ValueTask DeactivateAsync()
    {
        DeactivateOnIdle();
        return ValueTask.CompletedTask;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RegisterTimer(static (self, _) => self.OnTickAsync(), this, Period, Period);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record(GetPrimaryKeyString(), "deactivate");
        return Task.CompletedTask;
    }

    private async Task OnTickAsync()
    {
        probe.Enter();
        try
        {
            await Task.Yield();
            _ticks++;
            probe.Tick();
        }
        finally
        {
            probe.Exit();
        }
    }
}
