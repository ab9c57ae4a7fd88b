namespace FraudActors.Gateway.Api;

/// <summary>What a labels request did.</summary>
/// <param name="Received">Labels accepted.</param>
/// <param name="MerchantCountsChanged">Labels that changed their merchant's fraud counts (a repeat changes nothing).</param>
/// <param name="Audited">Labels stored with the audited decisions (0 when no audit log is configured).</param>
internal sealed record LabelsResponse(int Received, int MerchantCountsChanged, int Audited);
