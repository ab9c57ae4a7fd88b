using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Registry;
using FsCheck;
using FsCheck.Fluent;

namespace FraudActors.Grains.Tests.Registry;

public sealed class ShadowStatsTests
{
    [Fact]
    public void Streaming_correlation_matches_the_two_pass_formula_and_survives_splitting()
    {
        Prop.ForAll(
            Gen.Choose(2, 400).SelectMany(n => Gen.Choose(0, 1_000_000).ArrayOf(n * 2)).ToArbitrary(),
            raw =>
            {
                var n = raw.Length / 2;
                var x = raw.Take(n).Select(v => v / 1_000_000.0).ToArray();
                var y = raw.Skip(n).Select((v, i) => (0.3 * x[i]) + (v / 2_000_000.0)).ToArray();
                var whole = Tally(x, y, 0, n);
                var split = n / 3;
                var merged = Tally(x, y, 0, split).Add(Tally(x, y, split, n));

                var expected = TwoPassPearson(x, y);
                return (double.IsNaN(expected) ? double.IsNaN(whole.Correlation) : Math.Abs(whole.Correlation - expected) < 1e-6)
                    && merged.Count == n
                    && (double.IsNaN(expected) || Math.Abs(merged.Correlation - expected) < 1e-6);
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Agreement_rate_is_nan_before_the_first_transaction_and_constant_scores_have_no_correlation()
    {
        var empty = new ShadowStats("m", 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        empty.AgreementRate.Should().Be(double.NaN);
        empty.Correlation.Should().Be(double.NaN);

        var constant = Tally([0.5, 0.5, 0.5], [0.1, 0.2, 0.3], 0, 3);
        constant.Correlation.Should().Be(double.NaN);
    }

    [Fact]
    public void The_ledger_round_trips_through_its_encoding_and_adds_by_pair()
    {
        var ledger = ShadowLedger.CreateEmpty()
            .Plus([new ShadowStats("card-behaviour", 2, 3, 10, 9, 1, 2, 1.5, 1.25, 0.5, 0.4, 0.45)])
            .Plus([new ShadowStats("card-behaviour", 1, 3, 4, 4, 0, 0, 0.1, 0.2, 0.01, 0.02, 0.015), new ShadowStats("card-behaviour", 2, 3, 5, 5, 1, 1, 0.5, 0.5, 0.1, 0.1, 0.1)]);
        var writer = new System.Buffers.ArrayBufferWriter<byte>();

        ledger.WriteTo(writer);
        var read = ShadowLedger.ReadFrom(writer.WrittenSpan, ShadowLedger.SchemaVersion);

        read.Entries.Should().Equal(ledger.Entries);
        read.Entries.Select(e => (e.ChampionVersion, e.ChallengerVersion)).Should().Equal((1, 3), (2, 3));
        read.Entries[1].Count.Should().Be(15);
        read.Entries[1].Agreements.Should().Be(14);
        read.Entries[1].SumProduct.Should().BeApproximately(0.55, 1e-12);
    }

    private static ShadowStats Tally(double[] x, double[] y, int from, int to)
    {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (var i = from; i < to; i++)
        {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            syy += y[i] * y[i];
            sxy += x[i] * y[i];
        }

        return new ShadowStats("m", 1, 2, to - from, 0, 0, 0, sx, sy, sxx, syy, sxy);
    }

    private static double TwoPassPearson(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        double cov = 0, vx = 0, vy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            cov += (x[i] - mx) * (y[i] - my);
            vx += (x[i] - mx) * (x[i] - mx);
            vy += (y[i] - my) * (y[i] - my);
        }

        return vx < 1e-12 || vy < 1e-12 ? double.NaN : cov / Math.Sqrt(vx * vy);
    }
}
