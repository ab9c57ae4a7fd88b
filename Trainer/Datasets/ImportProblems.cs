namespace FraudActors.Trainer.Datasets;

/// <summary>Bad rows that <c>--skip-bad</c> left out: how many, and the first few reasons.</summary>
internal sealed class ImportProblems
{
    private const int Kept = 5;
    private readonly List<string> _first = [];

    public long Count { get; private set; }

    public IReadOnlyList<string> First => _first;

    public void Add(int line, string reason)
    {
        Count++;
        if (_first.Count < Kept)
        {
            _first.Add(reason.StartsWith("line ", StringComparison.Ordinal) ? reason : $"line {line}: {reason}");
        }
    }
}
