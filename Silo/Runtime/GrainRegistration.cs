using FraudActors.Grains.Abstractions.Runtime;

namespace FraudActors.Silo.Runtime;

/// <summary>One grain interface bound to its class and proxy factory; added to DI by <c>AddGrain</c>.</summary>
internal sealed record GrainRegistration(Type InterfaceType, Type ClassType, Func<GrainReference, object> ProxyFactory);
