using System.Buffers;
using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Grains.Merchant;

/// <summary>What a merchant grain persists: its risk windows.</summary>
internal sealed class MerchantState(MerchantRiskState risk) : IPersistableState<MerchantState>
{
    /// <summary>The label delay merchant windows assume unless configured otherwise.</summary>
    public const int DefaultLabelDelayDays = 7;

    public static int SchemaVersion => MerchantRiskState.SchemaVersion;

    public MerchantRiskState Risk { get; } = risk;

    public static MerchantState CreateEmpty() => new(new MerchantRiskState(DefaultLabelDelayDays));

    public static MerchantState ReadFrom(ReadOnlySpan<byte> payload, int schemaVersion) => new(MerchantRiskState.ReadFrom(payload, schemaVersion));

    public void WriteTo(IBufferWriter<byte> writer) => Risk.WriteTo(writer);
}
