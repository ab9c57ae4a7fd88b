namespace FraudActors.Grains.Cardholder;

/// <summary>What <see cref="CardBehaviour.Apply(in CardEvent)"/> did with a transaction.</summary>
internal enum ApplyOutcome : byte
{
    /// <summary>Counted in the card's windows; the features are exact as of its event time.</summary>
    Applied = 0,

    /// <summary>
    /// Its id is already in the retained history: nothing changed and the features are not computed
    /// (default); serve the decision cached for the first arrival.
    /// </summary>
    Duplicate = 1,

    /// <summary>
    /// Older than the watermark (newest event time − allowed lateness): not counted; the features are
    /// computed as if it had happened at the watermark (see the README).
    /// </summary>
    TooLate = 2,
}
