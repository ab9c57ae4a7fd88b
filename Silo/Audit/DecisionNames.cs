using FraudActors.Grains.Abstractions.Decisions;

namespace FraudActors.Silo.Audit;

/// <summary>The decision as the audit tables spell it: lower-case words, readable in plain SQL.</summary>
internal static class DecisionNames
{
    public const string Approve = "approve";
    public const string Review = "review";
    public const string Decline = "decline";

    public static string Of(DecisionKind decision) => decision switch
    {
        DecisionKind.Approve => Approve,
        DecisionKind.Review => Review,
        DecisionKind.Decline => Decline,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown decision."),
    };

    public static DecisionKind Parse(string text) => text switch
    {
        Approve => DecisionKind.Approve,
        Review => DecisionKind.Review,
        Decline => DecisionKind.Decline,
        _ => throw new InvalidDataException($"Unknown decision '{text}' in the audit log."),
    };
}
