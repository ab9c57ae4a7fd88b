namespace FraudActors.Silo.Runtime;

/// <summary>Where a grain error happened; the value of the errors counter's <c>error.kind</c> tag.</summary>
internal static class ErrorKind
{
    public const string Call = "call";
    public const string Timer = "timer";
    public const string Activation = "activation";
    public const string Deactivation = "deactivation";
}
