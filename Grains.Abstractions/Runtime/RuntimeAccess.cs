using System.Runtime.CompilerServices;

// The runtime attaches itself to grains through internal members (Grain.Context, the state hooks), so
// grain authors see a small surface and cannot wire a grain to a runtime by hand.
[assembly: InternalsVisibleTo("FraudActors.Silo")]
[assembly: InternalsVisibleTo("FraudActors.Silo.Tests")]
[assembly: InternalsVisibleTo("FraudActors.Benchmarks")]
[assembly: InternalsVisibleTo("FraudActors.Grains.Tests")]
