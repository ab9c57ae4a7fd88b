using FraudActors.Silo.Audit;

namespace FraudActors.Silo.Tests.Audit;

public sealed class SpillFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fa-spill-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Rows_round_trip_bit_for_bit_across_segments_and_restarts()
    {
        var rows = AuditRows.Batch("sp", 250, AuditRows.FreshWindow(), seed: 21);
        using (var spill = new SpillFile(_directory))
        {
            spill.AppendDurably(rows[..100]);
            spill.SealForReplay().Should().ContainSingle();
            foreach (var row in rows[100..])
            {
                spill.Append(row);
            }
        }

        using var reopened = new SpillFile(_directory);
        reopened.HasPending.Should().BeTrue();
        var segments = reopened.SealForReplay();
        var read = segments.SelectMany(s => SpillFile.Read(s, 64)).SelectMany(b => b).ToList();

        segments.Should().HaveCount(2).And.BeInAscendingOrder(StringComparer.Ordinal);
        read.Should().HaveCount(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            read[i].Should().BeEquivalentTo(rows[i], o => o.Excluding(r => r.Features));
            read[i].Features.Select(BitConverter.SingleToInt32Bits).Should().Equal(rows[i].Features.Select(BitConverter.SingleToInt32Bits));
        }

        foreach (var segment in segments)
        {
            reopened.Delete(segment);
        }

        reopened.HasPending.Should().BeFalse();
        Directory.GetFiles(_directory).Should().BeEmpty();
    }

    [Fact]
    public void A_record_torn_by_a_crash_is_skipped()
    {
        var rows = AuditRows.Batch("torn", 10, AuditRows.FreshWindow(), seed: 22);
        string segment;
        using (var spill = new SpillFile(_directory))
        {
            spill.AppendDurably(rows);
            segment = spill.SealForReplay().Single();
        }

        using (var file = new FileStream(segment, FileMode.Open))
        {
            file.SetLength(file.Length - 7);
        }

        SpillFile.Read(segment, 100).SelectMany(b => b).Select(r => r.TransactionId)
            .Should().Equal(rows[..9].Select(r => r.TransactionId));
    }
}
