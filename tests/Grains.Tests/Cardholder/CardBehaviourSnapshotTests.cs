using System.Buffers;
using FraudActors.Grains.Abstractions.Features;
using FraudActors.Grains.Abstractions.Transactions;
using FraudActors.Grains.Cardholder;

namespace FraudActors.Grains.Tests.Cardholder;

public sealed class CardBehaviourSnapshotTests
{
    private static readonly CardBehaviourOptions Options = new() { AllowedLateness = TimeSpan.FromMinutes(30) };

    [Fact]
    public void Restored_card_yields_bit_identical_features_for_the_rest_of_the_stream()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var steps = RandomCardStream.Generate(random, random.Next(2, 150), Options.AllowedLateness);
            var split = random.Next(0, steps.Count + 1);
            var original = new CardBehaviour(Options);
            Run(original, steps.Take(split));

            var bytes = Snapshot(original);
            var restored = CardBehaviour.ReadFrom(bytes, CardBehaviour.SchemaVersion, Options);
            Snapshot(restored).Should().Equal(bytes, $"seed {seed}: write(read(x)) == x");

            var expected = Run(original, steps.Skip(split));
            var actual = Run(restored, steps.Skip(split));
            actual.Should().Equal(expected, $"seed {seed}, split {split}");
        }
    }

    [Fact]
    public void Unknown_version_and_corrupt_bytes_fail_with_a_clear_exception()
    {
        var card = new CardBehaviour(Options);
        Run(card, RandomCardStream.Generate(new Random(7), 40, Options.AllowedLateness));
        var bytes = Snapshot(card);

        FluentActions.Invoking(() => CardBehaviour.ReadFrom(bytes, CardBehaviour.SchemaVersion + 1))
            .Should().Throw<NotSupportedException>().WithMessage("*version 2*");
        FluentActions.Invoking(() => CardBehaviour.ReadFrom(bytes.AsSpan(0, bytes.Length - 3), CardBehaviour.SchemaVersion))
            .Should().Throw<InvalidDataException>().WithMessage("*truncated*");
        FluentActions.Invoking(() => CardBehaviour.ReadFrom([.. bytes, 0], CardBehaviour.SchemaVersion))
            .Should().Throw<InvalidDataException>().WithMessage("*corrupt*");
    }

    [Fact]
    public void Version_1_layout_is_frozen()
    {
        // A fixed card must keep producing the same bytes: a newer build reads snapshots an older one wrote.
        var card = new CardBehaviour(Options);
        var start = new DateTimeOffset(2025, 3, 1, 23, 55, 0, TimeSpan.Zero);
        string?[] devices = ["phone", null, "laptop"];
        for (var i = 0; i < 6; i++)
        {
            card.Apply(new CardTransaction(
                $"t{i}", "card", start.AddMinutes(i * 7), 10.5m + i, "EUR", "m", MerchantCategories.Names[i], (Channel)(i % 2),
                i % 2 == 0 ? "Lyon" : null, i % 3 == 0 ? null : 45.76 + i, i % 3 == 0 ? null : 4.83, devices[i % 3]));
        }

        card.Evict(start.AddHours(3));
        var bytes = Snapshot(card);
        bytes.Length.Should().Be(82 + (card.RetainedCount * 40) + DeviceAndDayBytes(bytes));
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).Should().Be(
            FrozenVersion1Hash, "changing the layout needs a new SchemaVersion and a reader for the old one");
        var restored = CardBehaviour.ReadFrom(bytes, 1, Options);
        restored.AppliedCount.Should().Be(6);
        restored.RetainedCount.Should().Be(6);
        restored.NewestEventTime.Should().Be(start.AddMinutes(35));
    }

    private const string FrozenVersion1Hash = "2EC13AE93BB955F69C0C574E7B23D57903112253B99426572703812D75FBD6E1";

    private static int DeviceAndDayBytes(byte[] bytes)
    {
        var devices = bytes[72];
        var days = bytes[72 + 1 + (devices * 8) + 4];
        return (devices * 8) + (days * 9);
    }

    internal static byte[] Snapshot(CardBehaviour card)
    {
        var buffer = new ArrayBufferWriter<byte>();
        card.WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static List<string> Run(CardBehaviour card, IEnumerable<CardStreamStep> steps)
    {
        var log = new List<string>();
        var values = new float[CardFeatures.Count];
        foreach (var step in steps)
        {
            if (step.Transaction is null)
            {
                log.Add($"evicted {card.Evict(step.EvictAt)}");
                continue;
            }

            var result = card.Apply(step.Transaction);
            result.Features.CopyTo(values);
            log.Add($"{result.Outcome} {string.Join(',', values.Select(v => BitConverter.SingleToInt32Bits(v)))}");
        }

        return log;
    }
}
