using System.Buffers;
using System.Buffers.Binary;
using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime.TestGrains;

internal sealed class CounterState : IPersistableState<CounterState>
{
    public long Value { get; set; }

    public static int SchemaVersion => 2;

    public static CounterState CreateEmpty() => new();

    public static CounterState ReadFrom(ReadOnlySpan<byte> payload, int schemaVersion) =>
        schemaVersion switch
        {
            // Version 1 stored a 32-bit value: shows how old snapshots stay readable.
            1 => new CounterState { Value = BinaryPrimitives.ReadInt32LittleEndian(payload) },
            2 => new CounterState { Value = BinaryPrimitives.ReadInt64LittleEndian(payload) },
            _ => throw new NotSupportedException($"Counter schema {schemaVersion} is unknown."),
        };

    public void WriteTo(IBufferWriter<byte> writer)
    {
        BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), Value);
        writer.Advance(8);
    }
}
