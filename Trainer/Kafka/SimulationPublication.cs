namespace FraudActors.Trainer.Kafka;

/// <summary>What <see cref="SimulationPublisher"/> did: rows handed to the producer, confirmed, failed and still queued at the end.</summary>
internal sealed record SimulationPublication(long Produced, long Delivered, long Failed, int StillQueued, int Partitions, TimeSpan Elapsed)
{
    public bool Complete => Failed == 0 && StillQueued == 0 && Delivered == Produced;
}
