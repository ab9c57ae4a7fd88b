namespace FraudActors.Trainer.Training;

/// <summary>How the rare fraud class is weighted during training (scale_pos_weight).</summary>
internal enum ClassWeighting
{
    None,

    /// <summary>√(genuine / fraud): a middle ground that usually ranks best on average precision.</summary>
    Sqrt,

    /// <summary>genuine / fraud: both classes weigh the same in total.</summary>
    Balanced,
}
