using BenchmarkDotNet.Attributes;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Grains.Cardholder;

namespace FraudActors.Benchmarks.Cardholder;

/// <summary>
/// One card in steady state: its windows are full for the given spacing (3 a day is a typical card,
/// one every 7 minutes a very busy one with ~200 transactions in its 24 h window).
/// Apply is measured on a pre-parsed <see cref="CardEvent"/>; Parse is the cost of turning a transaction into one.
/// </summary>
[MemoryDiagnoser]
public class CardApplyBenchmarks
{
    private const int Batch = 1024;
    private readonly CardEvent[] _templates = new CardEvent[Batch];
    private CardTransaction _transaction = null!;
    private CardBehaviour _card = null!;
    private long _ticks;
    private ulong _id;
    private long _gapTicks;

    [Params(28_800, 420)]
    public int GapSeconds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _gapTicks = TimeSpan.FromSeconds(GapSeconds).Ticks;
        string[] cities = ["Lyon", "Paris", "Berlin", "Madrid"];
        for (var i = 0; i < Batch; i++)
        {
            _templates[i] = CardEvent.Create(
                $"tx-{i}", 0, 5f + (i % 200), i % 12, i % 2 == 0, i % 4 == 0 ? default : cities[i % 4].AsSpan(),
                i % 5 == 0 ? double.NaN : 45.7 + (i % 9 * 0.2), 4.8 + (i % 3), i % 3 == 0 ? default : $"device-{i % 5}".AsSpan());
        }

        _transaction = new CardTransaction(
            "3f2a9c1e-5b7d-4e08-9a61-0c2d4b8e7f13", "card-0001", DateTimeOffset.UnixEpoch, 42.5m, "EUR", "merchant-17", "electronics",
            Channel.Online, "Lyon", 45.76, 4.83, "device-ab12cd34");
        _card = new CardBehaviour();
        _ticks = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        for (var i = 0; i < 40 * Batch; i++)
        {
            ApplyNext();
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public float Apply()
    {
        var sum = 0f;
        for (var i = 0; i < Batch; i++)
        {
            sum += ApplyNext();
        }

        return sum;
    }

    [Benchmark]
    public ulong Parse()
    {
        var parsed = CardEvent.From(_transaction);
        return parsed.IdHash ^ parsed.DeviceHash ^ parsed.LocationKey;
    }

    private float ApplyNext()
    {
        _ticks += _gapTicks;
        var e = _templates[(int)(_id % Batch)] with { UtcTicks = _ticks, IdHash = ++_id };
        return _card.Apply(e).Features.TxCount24h;
    }
}
