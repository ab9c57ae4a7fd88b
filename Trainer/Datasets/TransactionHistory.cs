using System.Security.Cryptography;
using FraudActors.Trainer.Csv;
using FraudActors.Trainer.Simulation;
using FraudActors.Trainer.Training;

namespace FraudActors.Trainer.Datasets;

/// <summary>Loads labelled transactions in event-time order, from a CSV file or from the simulator, with their lineage.</summary>
internal static class TransactionHistory
{
    public static (List<SimulatedTransaction> Rows, ModelLineageSource Source) FromFile(string path, bool skipBad, out ImportProblems skipped)
    {
        skipped = new ImportProblems();
        if (!TransactionCsvReader.TryOpen(path, out var reader, out var error))
        {
            throw new InvalidDataException(error);
        }

        var rows = new List<SimulatedTransaction>();
        using (reader)
        {
            if (!reader.HasLabels)
            {
                throw new InvalidDataException($"{path}: training needs labels; the file has no 'is_fraud' column.");
            }

            while (reader.ReadRecord())
            {
                if (reader.TryParse(out var row, out error))
                {
                    rows.Add(row);
                }
                else if (skipBad)
                {
                    skipped.Add(reader.LineNumber, error);
                }
                else
                {
                    throw new InvalidDataException($"{path}: {error} (use --skip-bad to count and skip bad rows).");
                }
            }
        }

        SortByEventTime(rows);
        return (rows, new ModelLineageSource(Path.GetFullPath(path), Sha256Of(path)));
    }

    public static (List<SimulatedTransaction> Rows, ModelLineageSource Source) FromSimulation(SimulationOptions options, CancellationToken cancellationToken = default)
    {
        var rows = new List<SimulatedTransaction>();
        foreach (var row in TransactionSimulator.Generate(options))
        {
            if ((rows.Count & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            rows.Add(row);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var stream = new HashingStream(hash))
        using (var writer = new TransactionCsvWriter(stream))
        {
            foreach (var row in rows)
            {
                writer.Write(row);
            }
        }

        var description = $"simulate {options.Scenario.ToString().ToLowerInvariant()} seed {options.Seed} cards {options.Cards} merchants {options.Merchants} days {options.Days} start {options.StartDate:yyyy-MM-dd}";
        return (rows, new ModelLineageSource(description, Convert.ToHexStringLower(hash.GetHashAndReset())));
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Stable sort: rows with equal timestamps keep their file order.</summary>
    public static void SortByEventTime(List<SimulatedTransaction> rows)
    {
        for (var i = 1; i < rows.Count; i++)
        {
            if (rows[i].Transaction.Timestamp < rows[i - 1].Transaction.Timestamp)
            {
                var ordered = rows.Select((row, index) => (row, index))
                    .OrderBy(pair => pair.row.Transaction.Timestamp.UtcTicks)
                    .ThenBy(pair => pair.index)
                    .Select(pair => pair.row)
                    .ToList();
                rows.Clear();
                rows.AddRange(ordered);
                return;
            }
        }
    }

    /// <summary>A write-only stream that feeds an incremental hash (hashes the CSV form without keeping it).</summary>
    private sealed class HashingStream(IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);
    }
}
