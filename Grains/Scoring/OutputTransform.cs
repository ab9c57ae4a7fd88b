namespace FraudActors.Grains.Scoring;

/// <summary>How a margin becomes a prediction, from the model's objective.</summary>
internal enum OutputTransform
{
    /// <summary>binary:logistic, reg:logistic: sigmoid; base_score is a probability, its margin is logit(base_score).</summary>
    Sigmoid,

    /// <summary>binary:logitraw, reg:squarederror and friends: the margin is the prediction.</summary>
    Identity,
}
