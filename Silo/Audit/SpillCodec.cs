using System.Buffers.Binary;
using FraudActors.Grains.Abstractions.Audit;
using FraudActors.Grains.Abstractions.Decisions;
using FraudActors.Grains.Abstractions.Models;

namespace FraudActors.Silo.Audit;

/// <summary>
/// The spill file's record: a 4-byte little-endian length, then the row in <see cref="BinaryWriter"/> form
/// (format 1). A record cut short by a crash has fewer bytes than its length says and is ignored on read.
/// </summary>
internal static class SpillCodec
{
    private const byte Format = 1;

    /// <summary>Appends the framed record of <paramref name="row"/> to <paramref name="buffer"/>.</summary>
    public static void Write(AuditedDecision row, MemoryStream buffer, BinaryWriter writer)
    {
        var start = buffer.Position;
        writer.Write(0);
        writer.Write(Format);
        writer.Write(row.TransactionId);
        writer.Write(row.CardId);
        writer.Write(row.EventTime.UtcTicks);
        writer.Write(row.DecisionTime.UtcTicks);
        writer.Write(row.Partition);
        writer.Write(row.Offset);
        writer.Write(row.Features.Length);
        foreach (var feature in row.Features)
        {
            writer.Write(feature);
        }

        writer.Write(row.Probability);
        writer.Write((byte)row.Decision);
        writer.Write(row.Thresholds.Review);
        writer.Write(row.Thresholds.Decline);
        writer.Write(row.ModelName);
        writer.Write(row.ModelVersion);
        writer.Write(row.Reasons.Count);
        for (var i = 0; i < row.Reasons.Count; i++)
        {
            var reason = row.Reasons[i];
            writer.Write(reason.Feature);
            writer.Write(reason.Value);
            writer.Write(reason.Contribution);
            writer.Write(reason.Text);
        }

        writer.Write(row.LatencyMicroseconds);
        writer.Flush();
        var end = buffer.Position;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetBuffer().AsSpan((int)start, 4), (int)(end - start - 4));
    }

    /// <summary>Reads the next record; false at the end of the stream or at a torn last record.</summary>
    public static bool TryRead(Stream stream, byte[] lengthBuffer, out AuditedDecision? row)
    {
        row = null;
        if (stream.ReadAtLeast(lengthBuffer, 4, throwOnEndOfStream: false) < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(lengthBuffer);
        if (length <= 0 || length > 16 * 1024 * 1024)
        {
            throw new InvalidDataException($"A spill record claims {length} bytes; the file is damaged.");
        }

        var payload = new byte[length];
        if (stream.ReadAtLeast(payload, length, throwOnEndOfStream: false) < length)
        {
            return false;
        }

        using var reader = new BinaryReader(new MemoryStream(payload, writable: false));
        if (reader.ReadByte() != Format)
        {
            throw new InvalidDataException("A spill record has an unknown format; it was written by a newer build.");
        }

        var transactionId = reader.ReadString();
        var cardId = reader.ReadString();
        var eventTime = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        var decisionTime = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        var partition = reader.ReadInt32();
        var offset = reader.ReadInt64();
        var features = new float[reader.ReadInt32()];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = reader.ReadSingle();
        }

        var probability = reader.ReadSingle();
        var decision = (DecisionKind)reader.ReadByte();
        var thresholds = new DecisionThresholds(reader.ReadSingle(), reader.ReadSingle());
        var modelName = reader.ReadString();
        var modelVersion = reader.ReadInt32();
        var reasons = new DecisionReason[reader.ReadInt32()];
        for (var i = 0; i < reasons.Length; i++)
        {
            reasons[i] = new DecisionReason(reader.ReadString(), reader.ReadSingle(), reader.ReadSingle(), reader.ReadString());
        }

        row = new AuditedDecision(
            transactionId, cardId, eventTime, decisionTime, partition, offset, features, probability, decision,
            thresholds, modelName, modelVersion, reasons, reader.ReadInt64());
        return true;
    }
}
