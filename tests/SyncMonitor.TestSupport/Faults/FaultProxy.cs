using System.Reflection;
using System.Runtime.ExceptionServices;

namespace SyncMonitor.TestSupport;

/// <summary>Stands in front of a real <typeparamref name="T"/> and applies the <see cref="FaultPlan"/> to each call.
/// Task-returning methods fail or hang asynchronously, as a real store would; others fail synchronously.</summary>
public class FaultProxy<T> : DispatchProxy where T : class
{
    private static readonly MethodInfo TaskOfResult = typeof(FaultProxy<T>).GetMethod(nameof(RunWithResultAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private T _inner = null!;
    private FaultPlan _plan = null!;

    internal static T Wrap(T inner, FaultPlan plan)
    {
        var proxy = Create<T, FaultProxy<T>>();
        var self = (FaultProxy<T>)(object)proxy;
        self._inner = inner;
        self._plan = plan;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        args ??= [];
        var rule = _plan.Match(typeof(T), targetMethod.Name, args);
        if (rule is null)
        {
            return Call(targetMethod, args);
        }

        var token = args.OfType<CancellationToken>().FirstOrDefault();
        var returns = targetMethod.ReturnType;
        if (returns == typeof(Task))
        {
            return RunAsync(() => (Task)Call(targetMethod, args)!, rule, token);
        }

        if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return TaskOfResult.MakeGenericMethod(returns.GetGenericArguments()[0])
                .Invoke(null, [(Func<object?>)(() => Call(targetMethod, args)), rule, token]);
        }

        // Synchronous members: a hang makes no sense here, so the fault is thrown (or applied after the call).
        var result = rule.AfterCall ? Call(targetMethod, args) : null;
        rule.ApplyAsync(CancellationToken.None).GetAwaiter().GetResult();
        return rule.AfterCall ? result : Call(targetMethod, args);
    }

    private static async Task RunAsync(Func<Task> call, FaultRule rule, CancellationToken token)
    {
        if (!rule.AfterCall)
        {
            await rule.ApplyAsync(token);
        }

        await call();
        if (rule.AfterCall)
        {
            await rule.ApplyAsync(token);
        }
    }

    private static async Task<TResult> RunWithResultAsync<TResult>(Func<object?> call, FaultRule rule, CancellationToken token)
    {
        if (!rule.AfterCall)
        {
            await rule.ApplyAsync(token);
        }

        var result = await (Task<TResult>)call()!;
        if (rule.AfterCall)
        {
            await rule.ApplyAsync(token);
        }

        return result;
    }

    private object? Call(MethodInfo method, object?[] args)
    {
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
