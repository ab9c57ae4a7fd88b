namespace FraudActors.Grains.Abstractions.Registry;

/// <summary>One line of the promotion gate.</summary>
/// <param name="Name">A <see cref="GateChecks"/> name.</param>
/// <param name="Passed">Whether the candidate met the check.</param>
/// <param name="Blocking">Whether a failure refuses the promotion (some checks only inform for a challenger).</param>
/// <param name="Value">The candidate's figure, when the check has one (e.g. its average precision).</param>
/// <param name="Limit">The figure it was held to (e.g. the floor), when there is one.</param>
/// <param name="Champion">The current champion's figure, when compared.</param>
/// <param name="Delta">Candidate minus champion, when compared.</param>
/// <param name="Detail">One line saying what was checked and what was found.</param>
public sealed record GateCheck(
    string Name,
    bool Passed,
    bool Blocking,
    double? Value,
    double? Limit,
    double? Champion,
    double? Delta,
    string Detail)
{
    /// <summary>Failed and blocking: this check alone refuses the promotion.</summary>
    public bool Refuses => Blocking && !Passed;
}
