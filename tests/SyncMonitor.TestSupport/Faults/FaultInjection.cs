using Microsoft.Extensions.DependencyInjection;

namespace SyncMonitor.TestSupport;

/// <summary>Wires the fault-injection kit into a service collection (a <c>WebApplicationFactory</c> host through
/// <c>WithServices</c>, or a store harness): the registered <typeparamref name="T"/> is wrapped in a
/// <see cref="FaultProxy{T}"/> that consults <paramref name="plan"/> on every call. Everything resolving
/// <typeparamref name="T"/> — including registrations that forward to it, such as <c>ISyncRunReader</c> — gets the
/// decorated store.</summary>
public static class FaultInjection
{
    public static IServiceCollection InjectFaults<T>(this IServiceCollection services, FaultPlan plan) where T : class
        => services.Decorate<T>((inner, _) => FaultProxy<T>.Wrap(inner, plan));

    /// <summary>Replaces the last registration of <typeparamref name="T"/> with <paramref name="decorate"/> applied
    /// to what it resolved to (same lifetime).</summary>
    public static IServiceCollection Decorate<T>(this IServiceCollection services, Func<T, IServiceProvider, T> decorate) where T : class
    {
        var index = services.Count - 1;
        while (index >= 0 && services[index].ServiceType != typeof(T))
        {
            index--;
        }

        if (index < 0)
        {
            throw new InvalidOperationException($"{typeof(T).Name} is not registered; nothing to decorate.");
        }

        var original = services[index];
        services[index] = ServiceDescriptor.Describe(typeof(T), sp => decorate((T)Resolve(original, sp), sp), original.Lifetime);
        return services;
    }

    private static object Resolve(ServiceDescriptor descriptor, IServiceProvider services)
        => descriptor.ImplementationInstance
           ?? descriptor.ImplementationFactory?.Invoke(services)
           ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
