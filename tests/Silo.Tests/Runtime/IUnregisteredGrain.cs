using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Tests.Runtime;

internal interface IUnregisteredGrain : IGrainWithStringKey
{
}
