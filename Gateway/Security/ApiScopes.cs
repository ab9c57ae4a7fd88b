namespace FraudActors.Gateway.Security;

/// <summary>What a key may do; also the names of the authorization policies.</summary>
public static class ApiScopes
{
    /// <summary>Score transactions and rows.</summary>
    public const string Score = "score";

    /// <summary>Read models, cards and status; send labels.</summary>
    public const string Read = "read";

    /// <summary>Promote and roll back models. Implies the other scopes.</summary>
    public const string Admin = "admin";

    /// <summary>The claim type that carries one scope.</summary>
    public const string ClaimType = "scope";

    public static bool IsKnown(string? scope) => scope is Score or Read or Admin;
}
