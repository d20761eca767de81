using System.Collections.Concurrent;

namespace SyncMonitor.TestSupport;

/// <summary>The faults one test injects: rules per interface method, consulted on every call that goes through a
/// decorated store (<see cref="FaultInjection.InjectFaults{T}"/>). Rules can be added at any time, also while the host
/// runs, e.g. once a run has started:
/// <code>
/// var faults = new FaultPlan();
/// factory.WithServices(s => s.InjectFaults&lt;ISyncRunStore&gt;(faults));
/// var finish = faults.On&lt;ISyncRunStore&gt;(nameof(ISyncRunStore.FinishAsync)).OnCall(1).Throws(() => new IOException("disk full"));
/// </code>
/// Calls with no matching rule go straight to the real store.</summary>
public sealed class FaultPlan
{
    private readonly ConcurrentQueue<FaultRule> _rules = new();

    /// <summary>A rule for calls of <paramref name="method"/> (a method name of <typeparamref name="T"/> or of an
    /// interface it extends). Until told otherwise it fires on every call and throws <see cref="InjectedFaultException"/>.</summary>
    public FaultRule On<T>(string method) where T : class
    {
        var rule = new FaultRule(typeof(T), method);
        _rules.Enqueue(rule);
        return rule;
    }

    /// <summary>Calls of a method seen through decorated <typeparamref name="T"/> so far, whether a rule fired or not.</summary>
    public int CallsOf<T>(string method) => _calls.GetValueOrDefault((typeof(T), method));

    private readonly ConcurrentDictionary<(Type, string), int> _calls = new();

    /// <summary>The rule that fires for this call, if any (the first made, when several would). Every matching rule
    /// counts the call, so "the Nth call" means the Nth call the rule saw since it was made.</summary>
    internal FaultRule? Match(Type service, string method, object?[] arguments)
    {
        _calls.AddOrUpdate((service, method), 1, (_, n) => n + 1);
        FaultRule? firing = null;
        foreach (var rule in _rules)
        {
            if (rule.TryFire(service, method, arguments, mayFire: firing is null))
            {
                firing ??= rule;
            }
        }

        return firing;
    }
}

/// <summary>Thrown by a rule that was not told what to throw.</summary>
public sealed class InjectedFaultException(string message) : Exception(message);
