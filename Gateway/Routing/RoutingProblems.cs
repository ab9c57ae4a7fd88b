using Microsoft.AspNetCore.Http.HttpResults;

namespace FraudActors.Gateway.Routing;

/// <summary>The answers of a gateway that cannot serve a card right now.</summary>
internal static class RoutingProblems
{
    /// <summary>No live silo owns the card's partition (a rebalance or a crash in progress): retry shortly.</summary>
    public static ProblemHttpResult NoOwner(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "No silo owns this card right now",
            detail: "The card's partition is being handed over or its silo is unreachable; retry after the Retry-After delay.");
    }

    /// <summary>A forwarded request reached a silo that no longer owns the card.</summary>
    public static ProblemHttpResult NotOwner() => TypedResults.Problem(
        statusCode: StatusCodes.Status421MisdirectedRequest,
        title: "This silo does not own the card",
        detail: "Ownership moved; the forwarding gateway retries against the new owner.");

    /// <summary>The stream did not return the transaction's decision in time.</summary>
    public static ProblemHttpResult Timeout(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The decision did not arrive in time",
            detail: "The transaction was accepted by the stream and will be decided; retry with the same transaction id to read its decision.");
    }
}
