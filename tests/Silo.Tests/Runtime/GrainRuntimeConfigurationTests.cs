using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Hosting;
using FraudActors.Silo.Runtime;
using FraudActors.Silo.Runtime.Storage;
using FraudActors.Silo.Tests.Runtime.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FraudActors.Silo.Tests.Runtime;

public sealed class GrainRuntimeConfigurationTests
{
    [Fact]
    public void Invalid_options_are_rejected_with_every_problem_named()
    {
        var services = new ServiceCollection().AddGrainRuntime(o =>
        {
            o.MaxActivations = 0;
            o.IdleAge = TimeSpan.Zero;
            o.StatelessWorkerPoolSize = 0;
        });
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<GrainRuntime>();

        resolve.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().HaveCount(3)
            .And.Contain(f => f.Contains("MaxActivations"))
            .And.Contain(f => f.Contains("IdleAge"))
            .And.Contain(f => f.Contains("StatelessWorkerPoolSize"));
    }

    [Fact]
    public void Defaults_follow_the_documented_values()
    {
        var options = new GrainRuntimeOptions();

        options.IdleAge.Should().Be(TimeSpan.FromMinutes(10));
        options.MaxActivations.Should().Be(1_000_000);
        options.StatelessWorkerPoolSize.Should().Be(Environment.ProcessorCount);
        new GrainRuntimeOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Registering_an_interface_twice_is_an_error()
    {
        var services = new ServiceCollection().AddSingleton(new GrainProbe()).AddGrainRuntime();
        services.AddGrain<ICounterGrain, CounterGrain>(r => new CounterGrainReference(r));
        services.AddGrain<ICounterGrain, CounterGrain>(r => new CounterGrainReference(r));
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IGrainFactory>();

        resolve.Should().Throw<InvalidOperationException>().WithMessage("*registered twice*");
    }

    [Fact]
    public async Task In_memory_storage_rejects_a_write_with_a_stale_etag()
    {
        var storage = new InMemoryGrainStorage();
        var id = new GrainId("counter", "x");
        var first = await storage.WriteAsync(id, new GrainSnapshot(new byte[] { 1 }, 1, null, null), CancellationToken.None);
        await storage.WriteAsync(id, new GrainSnapshot(new byte[] { 2 }, 1, null, first), CancellationToken.None);

        var stale = async () => await storage.WriteAsync(id, new GrainSnapshot(new byte[] { 3 }, 1, null, first), CancellationToken.None);
        var staleClear = async () => await storage.ClearAsync(id, first, CancellationToken.None);

        await stale.Should().ThrowAsync<InconsistentStateException>();
        await staleClear.Should().ThrowAsync<InconsistentStateException>();
        (await storage.ReadAsync(id, CancellationToken.None))!.Payload.ToArray().Should().Equal(2);
    }
}
