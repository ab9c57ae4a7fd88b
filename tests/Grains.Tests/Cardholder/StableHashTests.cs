using FraudActors.Grains.Cardholder;

namespace FraudActors.Grains.Tests.Cardholder;

public sealed class StableHashTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("Paris")]
    [InlineData("zürich")]
    [InlineData("São Paulo")]
    [InlineData("3f2a9c1e-5b7d-4e08-9a61-0c2d4b8e7f13")]
    public void Ignoring_case_equals_hashing_the_upper_cased_text(string text)
    {
        StableHash.OfIgnoreCase(text).Should().Be(StableHash.Of(text.ToUpperInvariant()));
        StableHash.OfIgnoreCase(text.ToLowerInvariant()).Should().Be(StableHash.OfIgnoreCase(text.ToUpperInvariant()));
    }

    [Fact]
    public void Values_are_pinned_because_snapshots_persist_them()
    {
        var pinned = new[] { StableHash.Of(""), StableHash.Of("tx-1"), StableHash.Of("3f2a9c1e-5b7d-4e08-9a61-0c2d4b8e7f13") };
        pinned.Should().Equal(PinnedValues);
    }

    [Fact]
    public void Similar_ids_do_not_collide()
    {
        var seen = new HashSet<ulong>();
        for (var i = 0; i < 200_000; i++)
        {
            seen.Add(StableHash.Of($"tx-{i}"));
        }

        seen.Count.Should().Be(200_000);

        LocationKey.FromCity("Paris").Should().NotBe(LocationKey.FromCity("Lyon")).And.Be(LocationKey.FromCity("PARIS"));
        LocationKey.FromCoordinates(48.85f, 2.35f).Should().Be(LocationKey.FromCoordinates(48.81f, 2.39f), "same 0.1° cell");
        LocationKey.FromCoordinates(48.85f, 2.35f).Should().NotBe(LocationKey.FromCoordinates(48.85f, 2.45f));
    }

    private static readonly ulong[] PinnedValues = [17280346270528514342UL, 5608376455776636100UL, 4521512954814445312UL];
}
