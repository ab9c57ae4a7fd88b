namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>The verdict of the promotion gate on one version for one alias.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Version">The candidate version.</param>
/// <param name="Alias">The alias it would move.</param>
/// <param name="ChampionVersion">The champion it was compared with (null: none, or the candidate itself).</param>
/// <param name="Checks">Every check, in <see cref="GateChecks"/> order.</param>
public sealed record PromotionGateResult(string Model, int Version, string Alias, int? ChampionVersion, IReadOnlyList<GateCheck> Checks)
{
    /// <summary>True when no blocking check failed.</summary>
    public bool Passed
    {
        get
        {
            foreach (var check in Checks)
            {
                if (check.Refuses)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The names of the blocking checks that failed, in gate order.</summary>
    public IReadOnlyList<string> FailedChecks
    {
        get
        {
            var failed = new List<string>();
            foreach (var check in Checks)
            {
                if (check.Refuses)
                {
                    failed.Add(check.Name);
                }
            }

            return failed;
        }
    }
}
