using BenchmarkDotNet.Attributes;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Silo.Hosting;
using FraudActors.Silo.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace FraudActors.Benchmarks.Runtime;

/// <summary>
/// Overhead of a local grain call: reference → activation → turn → result, on an idle activation
/// (the inline fast path), for an ordinary grain, a stateless worker, and through GetGrain each time.
/// Also the contended path: 2 callers per core hammering one grain, so calls queue in the mailbox.
/// </summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private const int ContendedCalls = 1_000;

    private ServiceProvider _provider = null!;
    private IGrainFactory _factory = null!;
    private IEchoGrain _grain = null!;
    private IEchoWorkerGrain _worker = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddGrainRuntime();
        services.AddGrain<IEchoGrain, EchoGrain>(reference => new EchoGrainReference(reference));
        services.AddGrain<IEchoWorkerGrain, EchoWorkerGrain>(reference => new EchoWorkerGrainReference(reference));
        _provider = services.BuildServiceProvider();
        _factory = _provider.GetRequiredService<GrainRuntime>();
        _grain = _factory.GetGrain<IEchoGrain>("card-1");
        _worker = _factory.GetGrain<IEchoWorkerGrain>("0");
        _grain.EchoAsync(0).AsTask().GetAwaiter().GetResult();
        _worker.EchoAsync(0).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public async Task<int> GrainCall() => await _grain.EchoAsync(1);

    [Benchmark]
    public async Task<int> GetGrainThenCall() => await _factory.GetGrain<IEchoGrain>("card-1").EchoAsync(1);

    [Benchmark]
    public async Task<int> StatelessWorkerCall() => await _worker.EchoAsync(1);

    [Benchmark(OperationsPerInvoke = ContendedCalls * 4)]
    public async Task<int> ContendedGrainCall()
    {
        var callers = new Task<int>[4];
        for (var i = 0; i < callers.Length; i++)
        {
            callers[i] = Task.Run(CallManyAsync);
        }

        var results = await Task.WhenAll(callers);
        return results[0];
    }

    private async Task<int> CallManyAsync()
    {
        var sum = 0;
        for (var i = 0; i < ContendedCalls; i++)
        {
            sum += await _grain.EchoAsync(i);
        }

        return sum;
    }
}
