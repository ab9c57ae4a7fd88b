using FraudActors.Grains.Scoring;
using FraudActors.Silo.Membership;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FraudActors.Gateway.Api;

/// <summary>
/// GET /health/ready: 200 only once a champion card-behaviour model is loaded (before that every decision would be
/// "unscored") and every partition has a live owner this gateway can route to.
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapReadiness(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health/ready", Ready).WithTags("Health").AllowAnonymous();
        return routes;
    }

    public static async Task<Results<Ok<ModelView>, ProblemHttpResult>> Ready(ChampionModels champions, ISiloDirectory directory, CancellationToken cancellationToken)
    {
        if (champions.Get(ScoringGrain.CardBehaviourModel) is not { } model)
        {
            return NotReady("No champion card-behaviour model is loaded yet.");
        }

        var partitions = directory.PartitionCount;
        if (partitions <= 0)
        {
            return NotReady("No stream partition is assigned yet.");
        }

        // Ready when every card has a live owner this gateway can route to (itself or another silo).
        var owned = new bool[partitions];
        foreach (var member in await directory.GetMembersAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var partition in member.Partitions)
            {
                if (partition >= 0 && partition < partitions)
                {
                    owned[partition] = true;
                }
            }
        }

        var orphans = Array.IndexOf(owned, false);
        return orphans >= 0
            ? NotReady($"Partition {orphans} has no live owner (a rebalance is in progress or a silo is down).")
            : TypedResults.Ok(new ModelView(model.Name, model.Version));
    }

    private static ProblemHttpResult NotReady(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: detail);
}
