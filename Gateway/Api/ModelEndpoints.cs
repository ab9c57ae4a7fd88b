using System.Security.Claims;
using System.Text.Json;
using FraudActors.Gateway.Security;
using FraudActors.Grains.Abstractions.Registry;
using FraudActors.Grains.Abstractions.Runtime;
using FraudActors.Grains.Scoring;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FraudActors.Gateway.Api;

/// <summary>/v1/models: the registry (read), promotion and rollback (admin), and stateless scoring of plain-columns rows (score).</summary>
internal static class ModelEndpoints
{
    private const int MaxNameLength = 128;

    public static RouteGroupBuilder MapModelEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/models").WithTags("Models");
        group.MapGet("/", ListAsync).RequireAuthorization(ApiScopes.Read).WithSummary("Every model version with its aliases and metrics");
        group.MapGet("/{model}", GetAsync).RequireAuthorization(ApiScopes.Read).WithSummary("One model: versions, aliases, what this silo serves, shadow figures");
        group.MapPost("/{model}/promote", PromoteAsync).RequireAuthorization(ApiScopes.Admin)
            .Accepts<PromoteRequest>("application/json").WithSummary("Move an alias to a version through the promotion gate");
        group.MapPost("/{model}/rollback", RollbackAsync).RequireAuthorization(ApiScopes.Admin)
            .Accepts<RollbackRequest>("application/json").WithSummary("Point the champion back at its previous version");
        group.MapPost("/{model}/score", ScoreRowAsync).RequireAuthorization(ApiScopes.Score)
            .WithSummary("Score one row of a plain-columns model: an object of named columns or {\"features\": [..]}");
        return group;
    }

    public static async Task<Ok<ModelList>> ListAsync(IModelRegistryStore registry, CancellationToken cancellationToken)
    {
        var models = await registry.ListModelsAsync(cancellationToken).ConfigureAwait(false);
        var versions = await registry.ListAsync(null, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ModelList(models, versions));
    }

    public static async Task<Results<Ok<ModelRegistryStatus>, ProblemHttpResult>> GetAsync(string model, IGrainFactory grains)
    {
        if (!IsName(model))
        {
            return NoSuchModel(model);
        }

        var status = await grains.GetGrain<IModelRegistryGrain>(model).GetStatusAsync().ConfigureAwait(false);
        return status.Versions.Count == 0 ? NoSuchModel(model) : TypedResults.Ok(status);
    }

    public static async Task<Results<Ok<PromotionResult>, ValidationProblem, ProblemHttpResult>> PromoteAsync(
        string model, HttpRequest request, ClaimsPrincipal user, RequestBody body, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (bytes, tooLarge) = await body.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var promote = body.Deserialize<PromoteRequest>(bytes, errors);
        if (promote is not null)
        {
            if (promote.Version is not > 0)
            {
                errors["version"] = ["is required: a published version number (1 or more)."];
            }

            if (promote.Alias is { } alias && !IsName(alias))
            {
                errors["alias"] = [$"must be 1 to {MaxNameLength} characters."];
            }

            if (promote.Reason is { Length: > 1000 })
            {
                errors["reason"] = ["must be at most 1000 characters."];
            }
        }

        if (errors.Count > 0 || promote is null)
        {
            return TransactionEndpoints.Invalid(errors);
        }

        if (!IsName(model))
        {
            return NoSuchModel(model);
        }

        PromotionResult result;
        try
        {
            result = await grains.GetGrain<IModelRegistryGrain>(model).PromoteAsync(
                promote.Version!.Value, promote.Alias ?? ModelAliases.Champion, promote.Force ?? false, By(user), promote.Reason ?? "promoted through the API").ConfigureAwait(false);
        }
        catch (ModelVersionNotFoundException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such model version",
                detail: $"Model '{model}' has no published version {promote.Version}.");
        }

        if (!result.Applied)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The promotion gate refused the version",
                detail: $"Failed checks: {string.Join(", ", result.Gate.FailedChecks)}. Fix them or send \"force\": true.",
                extensions: new Dictionary<string, object?> { ["failedChecks"] = result.Gate.FailedChecks, ["gate"] = result.Gate });
        }

        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<RollbackResult>, ValidationProblem, ProblemHttpResult>> RollbackAsync(
        string model, HttpRequest request, ClaimsPrincipal user, RequestBody body, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (bytes, tooLarge) = await body.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var rollback = bytes.Length == 0 ? new RollbackRequest() : body.Deserialize<RollbackRequest>(bytes, errors);
        if (rollback is { Reason.Length: > 1000 })
        {
            errors["reason"] = ["must be at most 1000 characters."];
        }

        if (errors.Count > 0 || rollback is null)
        {
            return TransactionEndpoints.Invalid(errors);
        }

        if (!IsName(model))
        {
            return NoSuchModel(model);
        }

        var result = await grains.GetGrain<IModelRegistryGrain>(model).RollbackAsync(By(user), rollback.Reason ?? "rolled back through the API").ConfigureAwait(false);
        return result.Applied
            ? TypedResults.Ok(result)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to roll back to", detail: result.Message);
    }

    public static async Task<Results<Ok<RowScoreResponse>, ValidationProblem, ProblemHttpResult>> ScoreRowAsync(
        string model, HttpRequest request, RequestBody body, ChampionModels champions, CancellationToken cancellationToken)
    {
        var (bytes, tooLarge) = await body.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var loaded = IsName(model) ? champions.Get(model) : null;
        if (loaded is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such model loaded",
                detail: $"No champion of model '{Shorten(model)}' is loaded in this silo.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        using var document = body.Parse(bytes, errors);
        if (document is null)
        {
            return TransactionEndpoints.Invalid(errors);
        }

        var input = PlainColumnsRow.Read(document.RootElement, loaded.Package.Schema.Features, errors);
        if (input is null)
        {
            return TransactionEndpoints.Invalid(errors);
        }

        var score = ScoringGrain.Score(loaded, input);
        return TypedResults.Ok(new RowScoreResponse(
            score.Probability,
            Math.Round(score.Probability * 100.0, 2),
            TransactionContract.DecisionName(score.Decision),
            new ThresholdsView(score.Thresholds.Review, score.Thresholds.Decline),
            new ModelView(score.ModelName, score.ModelVersion),
            TransactionContract.Reasons(score.Reasons)));
    }

    private static ProblemHttpResult NoSuchModel(string model) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such model", detail: $"No model '{Shorten(model)}' is registered.");

    private static bool IsName(string value) => !string.IsNullOrWhiteSpace(value) && value.Length <= MaxNameLength;

    private static string Shorten(string value) => value.Length > MaxNameLength ? value[..MaxNameLength] + "…" : value;

    private static string By(ClaimsPrincipal user) => $"api:{user.Identity?.Name ?? ApiKeyRing.AnonymousName}";
}
