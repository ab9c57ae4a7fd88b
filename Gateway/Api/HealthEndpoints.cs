using FraudActors.Grains.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FraudActors.Gateway.Api;

/// <summary>GET /health/ready: 200 only once a champion card-behaviour model is loaded (before that every decision would be "unscored").</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapReadiness(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health/ready", Ready).WithTags("Health").AllowAnonymous();
        return routes;
    }

    public static Results<Ok<ModelView>, ProblemHttpResult> Ready(ChampionModels champions) =>
        champions.Get(ScoringGrain.CardBehaviourModel) is { } model
            ? TypedResults.Ok(new ModelView(model.Name, model.Version))
            : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: "No champion card-behaviour model is loaded yet.");
}
